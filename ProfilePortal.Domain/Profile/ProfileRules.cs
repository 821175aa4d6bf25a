using System.Text.RegularExpressions;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Profile;

/// <summary>
/// The checks a profile edit must pass, each with a message the form shows under its field. Returns the
/// normalized values (trimmed, empty as null, phone without separators) when everything passes.
/// </summary>
public static partial class ProfileRules
{
    public const int CompanyMaxLength = 200;
    public const int AvatarUrlMaxLength = 2048;

    public static Result<ProfileUpdate> Validate(ProfileUpdate input, IReadOnlyCollection<string> timeZoneWhitelist)
    {
        var errors = new List<Error>();
        var firstName = Text(input.FirstName, nameof(ProfileUpdate.FirstName), ApplicationUser.NameMaxLength, errors);
        var lastName = Text(input.LastName, nameof(ProfileUpdate.LastName), ApplicationUser.NameMaxLength, errors);
        var company = Text(input.Company, nameof(ProfileUpdate.Company), CompanyMaxLength, errors);
        var country = Blank(input.Country)?.ToUpperInvariant();
        if (country is not null && !Countries.IsKnown(country))
        {
            errors.Add(Error.Validation(nameof(ProfileUpdate.Country), "Choose a country from the list."));
        }

        var timeZone = Blank(input.TimeZone);
        if (timeZone is not null && !TimeZones.IsAllowed(timeZone, timeZoneWhitelist))
        {
            errors.Add(Error.Validation(nameof(ProfileUpdate.TimeZone), "Choose a time zone from the list."));
        }

        var avatar = Blank(input.AvatarUrl);
        if (avatar is not null && !IsHttpsUrl(avatar))
        {
            errors.Add(Error.Validation(nameof(ProfileUpdate.AvatarUrl), "The avatar must be an https:// link to an image."));
        }

        var phone = Blank(input.Phone) is { } raw ? PhoneSeparators().Replace(raw, string.Empty) : null;
        if (phone is not null && !E164().IsMatch(phone))
        {
            errors.Add(Error.Validation(nameof(ProfileUpdate.Phone), "Enter the phone in international format, e.g. +79161234567."));
        }

        if (!SupportedLanguages.IsSupported(input.PreferredLanguage))
        {
            errors.Add(Error.Validation(nameof(ProfileUpdate.PreferredLanguage), "Choose Russian or English."));
        }

        return errors.Count > 0
            ? Result<ProfileUpdate>.Failure([.. errors])
            : new ProfileUpdate(
                firstName, lastName, company, country, timeZone, avatar, phone, SupportedLanguages.Normalize(input.PreferredLanguage), input.NotifyWhenQuotaLow);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Text(string? value, string field, int maxLength, List<Error> errors)
    {
        var text = Blank(value);
        if (text is null)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(Error.Validation(field, $"At most {maxLength} characters."));
        }
        else if (text.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            errors.Add(Error.Validation(field, "Letters, digits and punctuation only; no < or >."));
        }

        return text;
    }

    private static bool IsHttpsUrl(string value) =>
        value.Length <= AvatarUrlMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex PhoneSeparators();

    // E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();
}
