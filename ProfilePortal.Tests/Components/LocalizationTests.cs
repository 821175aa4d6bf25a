using System.Globalization;
using System.Resources;
using ProfilePortal.Resources;

namespace ProfilePortal.Tests.Components;

public sealed class LocalizationTests
{
    private static readonly ResourceManager Resources =
        new("ProfilePortal.Resources.SharedResource", typeof(SharedResource).Assembly);

    [Fact]
    public void Russian_translates_every_english_string()
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var russian = Keys(CultureInfo.GetCultureInfo("ru"));

        Assert.NotEmpty(english);
        Assert.Empty(english.Except(russian));
        Assert.Empty(russian.Except(english));
    }

    [Fact]
    public void Every_string_keeps_the_placeholders_of_its_english_original()
    {
        var ru = CultureInfo.GetCultureInfo("ru");
        foreach (var key in Keys(CultureInfo.InvariantCulture))
        {
            var english = Resources.GetString(key, CultureInfo.InvariantCulture)!;
            var russian = Resources.GetString(key, ru)!;
            Assert.True(Placeholders(english).SetEquals(Placeholders(russian)), $"{key}: placeholders differ");
        }
    }

    private static HashSet<string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(entry => (string)entry.Key)
            .ToHashSet();

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(match => match.Value).ToHashSet();
}
