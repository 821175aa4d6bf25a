using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>The portal's services with the <c>WinBack</c> flag on, as appsettings.json has it.</summary>
public sealed class WinBackServices : PortalServices
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        [$"FeatureManagement:{FeatureNames.WinBack}"] = "true",
    };

    /// <summary>A customer whose trial was started and cancelled now; returns when access ends.</summary>
    public async Task<(Customer Customer, DateTimeOffset AccessEndsAt)> CancelledTrialAsync()
    {
        var customer = await this.CustomerAsync();
        await this.StartTrialAsync(customer);
        var cancelled = await Get<TrialService>().CancelAsync(customer.Id, customer.OrganizationId);
        Assert.True(cancelled.Succeeded, string.Join("; ", cancelled.Errors.Select(e => e.Message)));
        return (customer, cancelled.Value.EndsAt);
    }

    public async Task<List<WinBack>> WinBacksOfAsync(Guid organizationId)
    {
        await using var db = await Get<IPortalDbContextFactory>().CreateAsync();
        return await db.WinBacks.AsNoTracking().Where(w => w.OrganizationId == organizationId).ToListAsync();
    }
}
