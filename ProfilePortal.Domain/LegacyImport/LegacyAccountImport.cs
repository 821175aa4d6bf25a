using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.LegacyImport;

/// <summary>
/// Brings the accounts of the old single-user system in from a CSV file (<c>email,name,available_launches</c>, with
/// that header): each becomes a user with a confirmed email and no password (they set one with "Forgot password"), a
/// personal organization on the Free plan as sign-up makes, and the launches they had left as a one-off quota grant in
/// the current period on top of the Free allowance. Each account is marked with an <c>account.imported</c> audit
/// entry, so a second run reports it as already imported and changes nothing. Bad lines are reported and skipped,
/// never fatal (see docs/operations.md).
/// </summary>
public sealed partial class LegacyAccountImport(
    UserManager<ApplicationUser> users,
    OrganizationProvisioning provisioning,
    IPortalDbContextFactory dbFactory,
    QuotaService quotas,
    TimeProvider clock,
    ILogger<LegacyAccountImport> logger)
{
    public const string ImportedAction = "account.imported";
    public const int MaxLaunches = 1_000_000;

    private static readonly string[] LaunchColumns = ["available_launches", "launches"];

    public async Task<LegacyImportReport> ImportAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Problem is not null)
        {
            return new LegacyImportReport([], "The file is empty or its header cannot be read.");
        }

        var header = records.Current.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var (emailAt, nameAt, launchesAt) = (header.IndexOf("email"), header.IndexOf("name"), header.FindIndex(LaunchColumns.Contains));
        if (emailAt < 0 || nameAt < 0 || launchesAt < 0)
        {
            return new LegacyImportReport([], "The header must name the columns email, name and available_launches.");
        }

        var rows = new List<LegacyImportRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var record = records.Current;
            var row = Check(record, header.Count, emailAt, launchesAt, seen)
                ?? await ImportOneAsync(record.Line, record.Fields[emailAt].Trim(), record.Fields[nameAt].Trim(), ParseLaunches(record.Fields[launchesAt])!.Value, cancellationToken);
            rows.Add(row);
        }

        var report = new LegacyImportReport(rows);
        LogImported(logger, report.Imported, report.Skipped);
        return report;
    }

    private static LegacyImportRow? Check(CsvRecord record, int columns, int emailAt, int launchesAt, Dictionary<string, int> seen)
    {
        if (record.Problem is not null)
        {
            return new LegacyImportRow(record.Line, null, LegacyImportOutcome.BadLine, Detail: record.Problem);
        }

        if (record.Fields.Count != columns)
        {
            return new LegacyImportRow(record.Line, null, LegacyImportOutcome.BadLine, Detail: $"{record.Fields.Count} fields, the header has {columns}");
        }

        var email = record.Fields[emailAt].Trim();
        if (!IsEmail(email))
        {
            return new LegacyImportRow(record.Line, email, LegacyImportOutcome.InvalidEmail, Detail: "not an email address");
        }

        var launches = ParseLaunches(record.Fields[launchesAt]);
        if (launches is null)
        {
            return new LegacyImportRow(record.Line, email, LegacyImportOutcome.InvalidLaunches, Detail: "available launches is not a whole number");
        }

        if (launches < 0)
        {
            return new LegacyImportRow(record.Line, email, LegacyImportOutcome.InvalidLaunches, Detail: "available launches is negative");
        }

        if (launches > MaxLaunches)
        {
            return new LegacyImportRow(record.Line, email, LegacyImportOutcome.InvalidLaunches, Detail: $"available launches is over {MaxLaunches}");
        }

        // Only lines that would otherwise be imported claim their address.
        if (seen.TryGetValue(email.ToUpperInvariant(), out var first))
        {
            return new LegacyImportRow(record.Line, email, LegacyImportOutcome.DuplicateInFile, Detail: $"same email as line {first}");
        }

        seen[email.ToUpperInvariant()] = record.Line;
        return null;
    }

    private async Task<LegacyImportRow> ImportOneAsync(int line, string email, string name, int launches, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            if (await IsMarkedAsync(user.Id, cancellationToken))
            {
                return new LegacyImportRow(line, email, LegacyImportOutcome.AlreadyImported, Detail: "imported by an earlier run");
            }

            // An account with no password and no mark is this import's own, cut short by a crash: finish it.
            if (user.PasswordHash is not null)
            {
                return new LegacyImportRow(line, email, LegacyImportOutcome.ExistingUser, Detail: "a portal account with this email exists");
            }
        }
        else
        {
            user = ApplicationUser.Create(email, SupportedLanguages.Default, clock.GetUtcNow());
            (user.FirstName, user.LastName) = SplitName(name);
            user.EmailConfirmed = true;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return new LegacyImportRow(line, email, LegacyImportOutcome.InvalidEmail, Detail: string.Join("; ", created.Errors.Select(e => e.Code)));
            }
        }

        var organizationId = await provisioning.EnsurePersonalOrganizationAsync(user.Id, cancellationToken);
        await MarkAsync(user.Id, organizationId, launches, cancellationToken);
        return new LegacyImportRow(line, email, LegacyImportOutcome.Imported, launches);
    }

    // The grant and the mark in one save: an account is either fully imported or resumed by the next run.
    private async Task MarkAsync(Guid userId, Guid organizationId, int launches, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        string? validUntil = null;
        if (launches > 0)
        {
            var basis = await QuotaService.BasisQuery(db, organizationId).FirstAsync(cancellationToken);
            var grant = QuotaGrant.FromLegacyImport(organizationId, launches, QuotaService.PeriodOf(basis, now), now);
            db.QuotaGrants.Add(grant);
            validUntil = grant.PeriodEnd.ToString("O", CultureInfo.InvariantCulture);
        }

        db.AuditEntries.Add(AuditEntry.Record(
            null, ImportedAction, "user", userId.ToString(), organizationId,
            FieldChange.Describe([new("Launches", null, launches.ToString(CultureInfo.InvariantCulture)), new("ValidUntil", null, validUntil)]),
            now));
        await db.SaveChangesAsync(cancellationToken);
        await quotas.InvalidateAsync(organizationId);
    }

    private async Task<bool> IsMarkedAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var id = userId.ToString();
        return await db.AuditEntries.AnyAsync(a => a.Action == ImportedAction && a.TargetType == "user" && a.TargetId == id, cancellationToken);
    }

    private static int? ParseLaunches(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var launches) ? launches : null;

    private static (string? First, string? Last) SplitName(string name)
    {
        var parts = name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (parts.Length > 0 ? Cut(parts[0]) : null, parts.Length > 1 ? Cut(parts[1]) : null);
    }

    private static string Cut(string text) => text.Length <= ApplicationUser.NameMaxLength ? text : text[..ApplicationUser.NameMaxLength];

    private static bool IsEmail(string text) =>
        text.Length <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('@', StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy import: {Imported} accounts imported, {Skipped} lines skipped")]
    private static partial void LogImported(ILogger logger, int imported, int skipped);
}
