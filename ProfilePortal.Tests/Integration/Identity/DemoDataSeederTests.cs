using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Identity;

public sealed class DemoDataSeederTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Demo_data_gives_a_confirmed_admin_and_customers_with_usage_and_runs_only_once()
    {
        await SeedAsync();
        await SeedAsync();

        var admin = await portal.FindUserAsync(DemoDataSeeder.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(admin.EmailConfirmed);
        Assert.True(await portal.InScopeAsync(s => s.GetRequiredService<UserManager<ApplicationUser>>().IsInRoleAsync(admin, Roles.Admin)));

        var anna = await portal.FindUserAsync("anna@profileportal.local");
        var page = await portal.Get<ProfileService>().LoadPageAsync(anna!.Id);
        Assert.Equal("Анна Смирнова", page.Value.Profile.DisplayName);
        Assert.Equal(46, page.Value.Quota.Used);
        Assert.Equal(QuotaLevel.Low, page.Value.Quota.Level);
        Assert.Equal(10, page.Value.Activity.Count);
        Assert.True(page.Value.HasMoreActivity);

        var dan = await portal.FindUserAsync(DemoDataSeeder.PayingCustomerEmail);
        var workspace = await portal.Get<OrganizationAccess>().GetWorkspaceAsync(dan!.Id);
        var billing = await portal.Get<BillingService>().GetOverviewAsync(dan.Id, workspace!.Current.OrganizationId);
        Assert.Equal(("new_monthly", SubscriptionStatus.Active), (billing.Value.Plan.Code, billing.Value.Status));
        Assert.Equal("•••• 4242", billing.Value.Card!.Mask);
        Assert.Single(billing.Value.Payments);
    }

    private Task<bool> SeedAsync() => portal.InScopeAsync(async s =>
    {
        await s.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
        await s.GetRequiredService<DemoDataSeeder>().SeedAsync();
        return true;
    });
}
