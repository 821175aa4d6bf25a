namespace ProfilePortal.Domain.Profile;

/// <summary>
/// The <c>Profile</c> section. <c>TIMEZONE_WHITELIST</c> (comma-separated IANA ids) fills
/// <see cref="TimeZoneWhitelist"/>; <c>PROFILE_ACTIVITY_WINDOW_DAYS</c> and <c>PROFILE_PAYMENTS_CTA_EMAIL</c> the others.
/// </summary>
public sealed class ProfileOptions
{
    public const string SectionName = "Profile";

    /// <summary>When not empty, the only time zones a profile may choose.</summary>
    public IList<string> TimeZoneWhitelist { get; } = [];

    /// <summary>How far back the activity timeline looks.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 365)]
    public int ActivityWindowDays { get; set; } = 14;

    /// <summary>Where the "contact us" CTA of the plans dialog writes to while online payment is off.</summary>
    [System.ComponentModel.DataAnnotations.EmailAddress]
    public string PaymentsCtaEmail { get; set; } = "payments@mlservice.ai";
}
