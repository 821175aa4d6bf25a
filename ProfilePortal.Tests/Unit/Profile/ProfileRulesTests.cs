using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Tests.Unit.Profile;

public sealed class ProfileRulesTests
{
    private static readonly ProfileUpdate Valid = new(
        "Анна", "Смирнова", "ML Lab", "ru", "Europe/Moscow", "https://example.com/a.png", "+7 (916) 123-45-67", "ru", NotifyWhenQuotaLow: true);

    [Fact]
    public void A_valid_edit_comes_back_normalized()
    {
        var result = ProfileRules.Validate(Valid with { FirstName = "  Анна ", Company = "   " }, []);

        Assert.True(result.Succeeded);
        Assert.Equal("Анна", result.Value.FirstName);
        Assert.Null(result.Value.Company);
        Assert.Equal("RU", result.Value.Country);
        Assert.Equal("+79161234567", result.Value.Phone);
    }

    [Theory]
    [InlineData("FirstName")]
    [InlineData("LastName")]
    [InlineData("Company")]
    public void Markup_in_a_text_field_is_refused_on_that_field(string field)
    {
        const string script = "<script>alert(1)</script>";
        var input = field switch
        {
            "FirstName" => Valid with { FirstName = script },
            "LastName" => Valid with { LastName = script },
            _ => Valid with { Company = script },
        };

        var result = ProfileRules.Validate(input, []);

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void An_overlong_name_is_refused()
    {
        var result = ProfileRules.Validate(Valid with { FirstName = new string('a', 101) }, []);

        Assert.Equal("FirstName", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://example.com/a.png")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("https://user:secret@example.com/a.png")]
    [InlineData("not a url")]
    public void An_avatar_that_is_not_a_plain_https_link_is_refused(string url)
    {
        var result = ProfileRules.Validate(Valid with { AvatarUrl = url }, []);

        Assert.Equal("AvatarUrl", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("89161234567")]
    [InlineData("+0123456789")]
    [InlineData("+7916abc4567")]
    [InlineData("+1234567890123456")]
    public void A_phone_not_in_international_format_is_refused(string phone)
    {
        var result = ProfileRules.Validate(Valid with { Phone = phone }, []);

        Assert.Equal("Phone", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Moscow")]
    public void An_unknown_time_zone_is_refused(string zone)
    {
        var result = ProfileRules.Validate(Valid with { TimeZone = zone }, []);

        Assert.Equal("TimeZone", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_whitelist_limits_the_time_zones()
    {
        string[] whitelist = ["Europe/Moscow", "UTC"];

        Assert.True(ProfileRules.Validate(Valid, whitelist).Succeeded);
        Assert.Equal("TimeZone", Assert.Single(ProfileRules.Validate(Valid with { TimeZone = "Asia/Tokyo" }, whitelist).Errors).Field);
    }

    [Fact]
    public void An_empty_time_zone_means_utc()
    {
        var result = ProfileRules.Validate(Valid with { TimeZone = "" }, []);

        Assert.Null(result.Value.TimeZone);
        Assert.Equal(TimeZoneInfo.Utc, TimeZones.Resolve(result.Value.TimeZone));
    }

    [Fact]
    public void Several_bad_fields_are_all_reported_at_once()
    {
        var result = ProfileRules.Validate(Valid with { Country = "XX", Phone = "123", PreferredLanguage = "de" }, []);

        Assert.Equal(["Country", "Phone", "PreferredLanguage"], result.Errors.Select(e => e.Field).Order());
    }
}
