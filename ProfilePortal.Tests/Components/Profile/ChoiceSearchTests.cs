using ProfilePortal.Components.Profile;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class ChoiceSearchTests
{
    private static readonly string[] Codes = ["DE", "RE", "RU"];

    private static string Label(string? code) => code switch
    {
        "DE" => "Germany",
        "RE" => "Réunion",
        "RU" => "Russia",
        _ => "",
    };

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("Germany")] // the box still shows the current choice
    public void The_whole_list_shows_until_the_user_types_something_else(string? text) =>
        Assert.Equal(Codes, ChoiceSearch.Filter(Codes, text, Label, current: "DE"));

    [Theory]
    [InlineData("reun", "RE")]     // accents and case ignored
    [InlineData(" RUS ", "RU")]    // surrounding blanks ignored
    [InlineData("de", "DE")]       // the code matches too
    public void Typed_text_narrows_the_list_by_label_or_code(string text, string expected) =>
        Assert.Equal([expected], ChoiceSearch.Filter(Codes, text, Label, current: null));
}
