using System.Globalization;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// Manual quota extensions (seed 000's support SLA): an admin adds launches to a customer's current quota period,
/// with a reason and an optional earlier expiry. The launches never outlive the period they were added in (like a
/// pack's, they do not roll over), so an expiry after the period's end changes nothing. Admins only, checked in the
/// database on every call; each grant is audited (<c>quota.extended</c>) in the same save and the customer's cached
/// quota is dropped, so their quota card shows the launches at once.
/// </summary>
public sealed partial class QuotaExtensionService(
    IPortalDbContextFactory dbFactory, QuotaService quotas, TimeProvider clock, ILogger<QuotaExtensionService> logger)
{
    public const int MinLaunches = 1;
    public const int MaxLaunches = 100_000;
    public const int MaxEmails = 500;

    private static readonly char[] EmailSeparators = ['\n', '\r', ',', ';'];

    /// <summary>Adds <paramref name="launches"/> to the organization's current quota period.</summary>
    public async Task<Result<QuotaExtension>> ExtendAsync(
        Guid adminId, Guid organizationId, int launches, string? reason, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (Validate(launches, reason, expiresAt, now) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "extend quotas", cancellationToken) is { } denied)
        {
            return denied;
        }

        var basis = await QuotaService.BasisQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken);
        if (basis is null)
        {
            return AdminQuotaErrors.OrganizationNotFound;
        }

        var extension = Grant(db, adminId, basis, launches, reason!, expiresAt, now);
        await db.SaveChangesAsync(cancellationToken);
        await quotas.InvalidateAsync(organizationId);
        LogExtended(logger, adminId, organizationId, launches);
        return extension;
    }

    /// <summary>
    /// Extends the quota of every account named in <paramref name="emails"/> (one per line, or separated by commas or
    /// semicolons) by the same launches, reason and expiry; each account's personal organization gets the launches.
    /// The shared inputs are checked first and a mistake there refuses the whole request. Then each line is judged on
    /// its own: unknown, malformed and repeated addresses are reported and skipped, not fatal. The grants for the known
    /// addresses are written in one save, so they are all stored or (on a database fault) none is.
    /// </summary>
    public async Task<Result<QuotaExtensionReport>> ExtendManyAsync(
        Guid adminId, string? emails, int launches, string? reason, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var lines = (emails ?? string.Empty).Split(EmailSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return AdminQuotaErrors.NoEmails;
        }

        if (lines.Length > MaxEmails)
        {
            return AdminQuotaErrors.TooManyEmails;
        }

        if (Validate(launches, reason, expiresAt, now) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "extend quotas", cancellationToken) is { } denied)
        {
            return denied;
        }

        var normalized = lines.Where(IsEmail).Select(Normalize).Distinct().ToList();
        var organizations = (await db.Memberships.AsNoTracking()
                .Where(m => m.Organization!.IsPersonal && db.Users.Any(u => u.Id == m.UserId && normalized.Contains(u.NormalizedEmail!)))
                .Select(m => new { m.OrganizationId, Email = db.Users.Where(u => u.Id == m.UserId).Select(u => u.NormalizedEmail).First() })
                .ToListAsync(cancellationToken))
            .DistinctBy(m => m.Email)
            .ToDictionary(m => m.Email!, m => m.OrganizationId);

        var rows = new List<QuotaExtensionRow>(lines.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var granted = new List<Guid>();
        foreach (var line in lines)
        {
            if (!IsEmail(line))
            {
                rows.Add(new QuotaExtensionRow(line, QuotaExtensionOutcome.Invalid));
                continue;
            }

            var key = Normalize(line);
            if (!seen.Add(key))
            {
                rows.Add(new QuotaExtensionRow(line, QuotaExtensionOutcome.Duplicate));
                continue;
            }

            var basis = organizations.TryGetValue(key, out var organizationId)
                ? await QuotaService.BasisQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (basis is null)
            {
                rows.Add(new QuotaExtensionRow(line, QuotaExtensionOutcome.UnknownEmail));
                continue;
            }

            rows.Add(new QuotaExtensionRow(line, QuotaExtensionOutcome.Granted, Grant(db, adminId, basis, launches, reason!, expiresAt, now)));
            granted.Add(organizationId);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var organizationId in granted)
        {
            await quotas.InvalidateAsync(organizationId);
        }

        LogExtendedMany(logger, adminId, granted.Count, rows.Count, launches);
        return new QuotaExtensionReport(rows);
    }

    private static QuotaExtension Grant(
        IPortalDbContext db, Guid adminId, QuotaBasis basis, int launches, string reason, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var period = QuotaService.PeriodOf(basis, now);
        if (expiresAt is { } expiry && expiry < period.End)
        {
            period = period with { End = expiry };
        }

        var grant = QuotaGrant.ByAdmin(basis.OrganizationId, launches, reason, adminId, period, now);
        db.QuotaGrants.Add(grant);
        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "quota.extended", "quota_grant", grant.Id.ToString(), basis.OrganizationId,
            FieldChange.Describe([
                new("Launches", null, launches.ToString(CultureInfo.InvariantCulture)),
                new("Reason", null, grant.Reason),
                new("ValidUntil", null, grant.PeriodEnd.ToString("O", CultureInfo.InvariantCulture)),
                new("ExpiresAt", null, expiresAt?.ToString("O", CultureInfo.InvariantCulture)),
            ]),
            now));
        return new QuotaExtension(grant.Id, basis.OrganizationId, launches, grant.PeriodEnd);
    }

    private static Error? Validate(int launches, string? reason, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (launches is < MinLaunches or > MaxLaunches)
        {
            return AdminQuotaErrors.LaunchesOutOfRange;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return AdminQuotaErrors.ReasonRequired;
        }

        if (reason.Trim().Length > QuotaGrant.ReasonMaxLength)
        {
            return AdminQuotaErrors.ReasonTooLong;
        }

        return expiresAt <= now ? AdminQuotaErrors.ExpiryInPast : null;
    }

    private static bool IsEmail(string line) =>
        MailAddress.TryCreate(line, out var address) && address.Address == line && line.Contains('@', StringComparison.Ordinal);

    // As Identity's default normalizer stores NormalizedEmail.
    private static string Normalize(string email) => email.ToUpperInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} extended the quota of organization {OrganizationId} by {Launches} launches")]
    private static partial void LogExtended(ILogger logger, Guid adminId, Guid organizationId, int launches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} extended {Granted} of {Lines} listed quotas by {Launches} launches")]
    private static partial void LogExtendedMany(ILogger logger, Guid adminId, int granted, int lines, int launches);
}
