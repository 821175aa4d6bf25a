namespace ProfilePortal.Domain.Admin;

/// <summary>
/// Launches an admin added to one organization's quota: they count from now until <see cref="ValidUntil"/>, the end
/// of the customer's current quota period or the admin's earlier expiry.
/// </summary>
public sealed record QuotaExtension(Guid GrantId, Guid OrganizationId, int Launches, DateTimeOffset ValidUntil);

/// <summary>What became of one line of a bulk extension.</summary>
public enum QuotaExtensionOutcome
{
    /// <summary>The customer's quota was extended.</summary>
    Granted = 0,

    /// <summary>No account has this email.</summary>
    UnknownEmail = 1,

    /// <summary>The line is not an email address.</summary>
    Invalid = 2,

    /// <summary>The address appeared earlier in the list; it was extended once.</summary>
    Duplicate = 3,
}

/// <summary>One line of a bulk extension's report, in the order the admin typed the addresses.</summary>
public sealed record QuotaExtensionRow(string Email, QuotaExtensionOutcome Outcome, QuotaExtension? Extension = null);

/// <summary>The report of a bulk extension.</summary>
public sealed record QuotaExtensionReport(IReadOnlyList<QuotaExtensionRow> Rows)
{
    public int Granted => Rows.Count(r => r.Outcome == QuotaExtensionOutcome.Granted);
}
