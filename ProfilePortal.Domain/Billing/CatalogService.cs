using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Billing;

/// <summary>A quota pack as the plans dialog lists it.</summary>
public sealed record QuotaPackOffer(string Code, string Name, int Launches, Money Price);

/// <summary>A plan on sale as the plans dialog and the pricing page list it.</summary>
public sealed record PlanOffer(string Code, string Name, int DurationMonths, Money PricePerMonth, Money Total, int? MonthlyLaunches);

/// <summary>What is on sale: the quota packs and the current generation of plans (seed 001's quota preview).</summary>
public sealed record Catalog(IReadOnlyList<QuotaPackOffer> Packs, IReadOnlyList<PlanOffer> Plans);

/// <summary>Reads the catalogue from the database, where operators may have changed prices.</summary>
public sealed class CatalogService(IPortalDbContextFactory dbFactory)
{
    public async Task<Catalog> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var packs = await db.QuotaPacks.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.IsActive && p.Generation == PlanGeneration.New)
            .OrderBy(p => p.SortOrder)
            .ToListAsync(cancellationToken);
        return new Catalog(
            [.. packs.Select(p => new QuotaPackOffer(p.Code, p.Name, p.Launches, p.Amount))],
            [.. plans.Select(p => new PlanOffer(p.Code, p.Name, p.DurationMonths, p.MonthlyPrice, p.Total, p.MonthlyLaunchAllowance))]);
    }
}
