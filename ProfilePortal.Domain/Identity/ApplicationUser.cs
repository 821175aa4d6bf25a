using Microsoft.AspNetCore.Identity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Domain.Identity;

/// <summary>
/// A person who signs in. Identity owns the credentials; the profile fields are edited through the profile
/// service, which validates them, so the setters stay internal to the domain.
/// </summary>
public sealed class ApplicationUser : IdentityUser<Guid>, ISearchKeyed
{
    public const int NameMaxLength = 100;

    public string? FirstName { get; internal set; }

    public string? LastName { get; internal set; }

    public string? Company { get; internal set; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public string? Country { get; internal set; }

    /// <summary>IANA time zone id; empty means UTC.</summary>
    public string? TimeZone { get; internal set; }

    /// <summary>An https URL of the avatar image, or none for initials.</summary>
    public string? AvatarUrl { get; internal set; }

    /// <summary>Two-letter language of the UI and the emails: "ru" or "en".</summary>
    public string PreferredLanguage { get; internal set; } = SupportedLanguages.Default;

    public DateTimeOffset CreatedAt { get; internal set; }

    public bool TrialUsed { get; internal set; }

    public DateTimeOffset? TrialUsedAt { get; internal set; }

    public DateTimeOffset? LastDiscountUsedAt { get; internal set; }

    /// <summary>
    /// The organization the person chose to act in; null, or one they no longer belong to, means the personal
    /// (else the first) organization. Only <c>OrganizationService</c> sets it, after checking the membership.
    /// </summary>
    public Guid? CurrentOrganizationId { get; internal set; }

    /// <summary>Creates a new account's user row; Identity fills in the credentials.</summary>
    public static ApplicationUser Create(string email, string language, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserName = email,
        Email = email,
        PreferredLanguage = SupportedLanguages.Normalize(language),
        CreatedAt = now,
    };

    /// <summary>Search keys (<see cref="SearchKey"/>) of the name and company, kept by the store on every save.</summary>
    public string? NormalizedFirstName { get; private set; }

    /// <inheritdoc cref="NormalizedFirstName"/>
    public string? NormalizedLastName { get; private set; }

    /// <inheritdoc cref="NormalizedFirstName"/>
    public string? NormalizedCompany { get; private set; }

    public void RefreshSearchKeys()
    {
        NormalizedFirstName = SearchKey.Normalize(FirstName);
        NormalizedLastName = SearchKey.Normalize(LastName);
        NormalizedCompany = SearchKey.Normalize(Company);
    }

    public string DisplayName => PersonName.Display(FirstName, LastName, Email ?? string.Empty);

    /// <summary>Email me when my quota runs low (seed 001 "could have").</summary>
    public bool NotifyWhenQuotaLow { get; internal set; } = true;

    /// <summary>
    /// When the person opted out of marketing email (win-back and the like) through an unsubscribe link; null
    /// while they get it. Service email (receipts, trial reminders, password resets) is not affected.
    /// </summary>
    public DateTimeOffset? MarketingOptOutAt { get; internal set; }

    /// <summary>
    /// Records the opt-out; false when it was already recorded. A new concurrency stamp makes a parallel opt-out of
    /// the same user fail its save instead of writing a second audit entry.
    /// </summary>
    public bool OptOutOfMarketing(DateTimeOffset now)
    {
        if (MarketingOptOutAt is not null)
        {
            return false;
        }

        MarketingOptOutAt = now;
        ConcurrencyStamp = Guid.NewGuid().ToString();
        return true;
    }

    public void ChangePreferredLanguage(string language) => PreferredLanguage = SupportedLanguages.Normalize(language);

    /// <summary>
    /// Applies validated profile values (see <c>ProfileRules</c>) and returns what changed, field by field,
    /// for the audit trail. Email is not among them: it is read-only on the profile.
    /// </summary>
    public IReadOnlyList<FieldChange> ApplyProfile(ProfileUpdate update)
    {
        var changes = new List<FieldChange>();
        FirstName = Track(nameof(FirstName), FirstName, update.FirstName, changes);
        LastName = Track(nameof(LastName), LastName, update.LastName, changes);
        Company = Track(nameof(Company), Company, update.Company, changes);
        Country = Track(nameof(Country), Country, update.Country, changes);
        TimeZone = Track(nameof(TimeZone), TimeZone, update.TimeZone, changes);
        AvatarUrl = Track(nameof(AvatarUrl), AvatarUrl, update.AvatarUrl, changes);
        PhoneNumber = Track(nameof(PhoneNumber), PhoneNumber, update.Phone, changes);
        PreferredLanguage = Track(nameof(PreferredLanguage), PreferredLanguage, update.PreferredLanguage, changes)!;
        NotifyWhenQuotaLow = Track(nameof(NotifyWhenQuotaLow), NotifyWhenQuotaLow, update.NotifyWhenQuotaLow, changes);
        return changes;
    }

    private static bool Track(string field, bool before, bool after, List<FieldChange> changes)
    {
        if (before != after)
        {
            changes.Add(new FieldChange(field, before ? "true" : "false", after ? "true" : "false"));
        }

        return after;
    }

    private static string? Track(string field, string? before, string? after, List<FieldChange> changes)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }

        return after;
    }
}
