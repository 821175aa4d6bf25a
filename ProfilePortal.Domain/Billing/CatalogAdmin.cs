using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Billing;

/// <summary>
/// The admins' editor of plans and quota packs: prices, allowances, on sale or not. Admins only, checked against the
/// database on every call; every edit is audited (<c>plan.updated</c>, <c>quota_pack.updated</c>) with before and after.
/// A plan taken off sale keeps renewing for its subscribers; a new price is charged from each subscriber's next
/// renewal (ADR-014). <see cref="CatalogService"/> reads the database on every call, so an edit is on sale at once.
/// </summary>
public sealed partial class CatalogAdmin(IPortalDbContextFactory dbFactory, TimeProvider clock, ILogger<CatalogAdmin> logger)
{
    public const string PlanUpdatedAction = "plan.updated";
    public const string PackUpdatedAction = "quota_pack.updated";

    /// <summary>Every plan (Free, legacy and new) and every pack, on sale or not.</summary>
    public async Task<Result<CatalogAdminView>> GetAsync(Guid actorUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            return Error.Forbidden();
        }

        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Generation).ThenBy(p => p.SortOrder).ToListAsync(cancellationToken);
        var packs = await db.QuotaPacks.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        return new CatalogAdminView(
            [.. plans.Select(p => new PlanAdminView(p.Code, p.Name, p.Generation, p.DurationMonths, p.MonthlyPrice, p.Total, p.MonthlyLaunchAllowance, p.IsActive))],
            [.. packs.Select(p => new QuotaPackAdminView(p.Code, p.Name, p.Launches, p.Amount, p.IsActive))]);
    }

    /// <summary>Edits a plan. The Free plan cannot be edited here (its allowance is configuration).</summary>
    public async Task<Result> UpdatePlanAsync(Guid actorUserId, string code, PlanEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            LogRefused(logger, actorUserId, code);
            return Error.Forbidden();
        }

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (plan is null)
        {
            return CatalogAdminErrors.PlanNotFound;
        }

        if (plan.IsFree)
        {
            return CatalogAdminErrors.FreeFixed;
        }

        if (!IsPrice(edit.PricePerMonth))
        {
            return CatalogAdminErrors.PriceInvalid;
        }

        if (edit.PricePerMonth == 0)
        {
            return CatalogAdminErrors.PaidPlanNeedsPrice;
        }

        if (edit.MonthlyLaunchAllowance is not { } launches || !IsLaunches(launches))
        {
            return CatalogAdminErrors.LaunchesInvalid;
        }

        var before = new[] { Text(plan.PricePerMonth), Text(plan.TotalPrice), Text(plan.MonthlyLaunchAllowance), Text(plan.IsActive) };
        plan.Edit(edit.PricePerMonth, edit.MonthlyLaunchAllowance, edit.IsActive);
        var after = new[] { Text(plan.PricePerMonth), Text(plan.TotalPrice), Text(plan.MonthlyLaunchAllowance), Text(plan.IsActive) };
        var changes = Changes(["PricePerMonth", "TotalPrice", "MonthlyLaunchAllowance", "IsActive"], before, after);
        if (changes.Count == 0)
        {
            return CatalogAdminErrors.Unchanged;
        }

        db.AuditEntries.Add(AuditEntry.Record(actorUserId, PlanUpdatedAction, "plan", plan.Code, null, FieldChange.Describe(changes), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        LogPlanUpdated(logger, actorUserId, code);
        return Result.Success();
    }

    /// <summary>Edits a quota pack; the new price applies to purchases from now on.</summary>
    public async Task<Result> UpdatePackAsync(Guid actorUserId, string code, QuotaPackEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            LogRefused(logger, actorUserId, code);
            return Error.Forbidden();
        }

        var pack = await db.QuotaPacks.FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (pack is null)
        {
            return CatalogAdminErrors.PackNotFound;
        }

        if (!IsPrice(edit.Price) || edit.Price == 0)
        {
            return CatalogAdminErrors.PriceInvalid;
        }

        if (!IsLaunches(edit.Launches))
        {
            return CatalogAdminErrors.LaunchesInvalid;
        }

        var before = new[] { Text(pack.Price), Text((int?)pack.Launches), Text(pack.IsActive) };
        pack.Edit(edit.Price, edit.Launches, edit.IsActive);
        var after = new[] { Text(pack.Price), Text((int?)pack.Launches), Text(pack.IsActive) };
        var changes = Changes(["Price", "Launches", "IsActive"], before, after);
        if (changes.Count == 0)
        {
            return CatalogAdminErrors.Unchanged;
        }

        db.AuditEntries.Add(AuditEntry.Record(actorUserId, PackUpdatedAction, "quota_pack", pack.Code, null, FieldChange.Describe(changes), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        LogPackUpdated(logger, actorUserId, code);
        return Result.Success();
    }

    private static bool IsPrice(decimal price) => price is >= 0 and <= CatalogAdminErrors.MaxPrice && decimal.Round(price, 2) == price;

    private static bool IsLaunches(int launches) => launches is >= 1 and <= CatalogAdminErrors.MaxLaunches;

    private static List<FieldChange> Changes(string[] fields, string?[] before, string?[] after) =>
        [.. fields.Select((field, i) => new FieldChange(field, before[i], after[i])).Where(c => c.From != c.To)];

    private static string Text(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} who is not an admin tried to edit catalogue item {Code}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} edited plan {Code}")]
    private static partial void LogPlanUpdated(ILogger logger, Guid userId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} edited quota pack {Code}")]
    private static partial void LogPackUpdated(ILogger logger, Guid userId, string code);
}
