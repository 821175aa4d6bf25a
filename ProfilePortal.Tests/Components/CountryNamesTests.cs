using System.Globalization;
using System.Resources;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Resources;

namespace ProfilePortal.Tests.Components;

public sealed class CountryNamesTests
{
    private static readonly ResourceManager Names = new("ProfilePortal.Resources.CountryNames", typeof(CountryNames).Assembly);

    [Theory]
    [InlineData("")]
    [InlineData("ru")]
    public void Every_country_code_has_a_name_in_each_language(string culture)
    {
        var set = Names.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!;

        foreach (var code in Countries.Codes)
        {
            Assert.False(string.IsNullOrWhiteSpace(set.GetString(code)), $"{code} has no name in '{culture}'");
        }
    }

    [Theory]
    [InlineData("DE", "Germany", "Германия")]
    [InlineData("EH", "Western Sahara", "Западная Сахара")]
    [InlineData("RU", "Russia", "Россия")]
    public void Names_are_in_the_readers_language_not_the_countrys(string code, string english, string russian)
    {
        Assert.Equal(english, Names.GetString(code, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(russian, Names.GetString(code, CultureInfo.GetCultureInfo("ru")));
    }
}
