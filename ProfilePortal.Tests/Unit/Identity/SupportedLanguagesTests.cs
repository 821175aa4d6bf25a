using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Tests.Unit.Identity;

public sealed class SupportedLanguagesTests
{
    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("RU", "ru")]
    [InlineData("ru_RU", "ru")]
    [InlineData("de", "ru")]
    [InlineData("", "ru")]
    [InlineData(null, "ru")]
    public void Normalize_maps_any_input_onto_a_supported_language(string? input, string expected) =>
        Assert.Equal(expected, SupportedLanguages.Normalize(input));
}
