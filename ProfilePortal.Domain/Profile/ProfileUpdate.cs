namespace ProfilePortal.Domain.Profile;

/// <summary>
/// What a customer may change on their profile. There is no email: it is read-only here until a separate
/// verified change flow exists (seed 000 FAQ).
/// </summary>
/// <param name="NotifyWhenQuotaLow">Email me when my quota runs low (seed 001 "could have").</param>
public sealed record ProfileUpdate(
    string? FirstName,
    string? LastName,
    string? Company,
    string? Country,
    string? TimeZone,
    string? AvatarUrl,
    string? Phone,
    string PreferredLanguage,
    bool NotifyWhenQuotaLow);
