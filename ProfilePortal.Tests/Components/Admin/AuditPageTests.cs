using System.Security.Claims;
using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The audit log page over the real query: rows with before → after, filtered as an admin types.</summary>
public sealed class AuditPageTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_grid_shows_who_when_action_target_and_before_after_and_the_action_filter_narrows_it()
    {
        var admin = await SignedInAdminAsync();
        var target = Guid.NewGuid().ToString();
        await Portal.SeedAsync((db, now) =>
        {
            db.AuditEntries.Add(AuditEntry.Record(admin.Id, "uitest.quota_extended", "organization", target, null,
                FieldChange.Describe([new("Limit", "50", "100")]), now));
            db.AuditEntries.Add(AuditEntry.Record(null, "uitest.other", "subscription", "s1", null, "{}", now.AddMinutes(1)));
            return Task.CompletedTask;
        });
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-action]")));

        page.Find("input[data-testid=audit-filter-action]").Input("uitest.quota");
        page.Find("[data-testid=audit-search]").Click();

        page.WaitForAssertion(() => Assert.Equal(["uitest.quota_extended"], page.FindAll("[data-testid=audit-action]").Select(e => e.TextContent.Trim())));
        Assert.Equal(admin.Email, page.Find("[data-testid=audit-who]").TextContent.Trim());
        Assert.Equal($"organization {target}", page.Find("[data-testid=audit-target]").TextContent.Trim());
        Assert.Equal("Limit: 50 → 100", page.Find("[data-testid=audit-change]").TextContent.Trim());

        page.Find("input[data-testid=audit-filter-action]").Input("uitest.none");
        page.Find("[data-testid=audit-search]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-empty]")));
    }

    [Fact]
    public async Task An_organization_filter_that_is_not_an_id_is_refused_on_the_field()
    {
        await SignedInAdminAsync();
        var page = Render<AuditPage>();

        page.Find("input[data-testid=audit-filter-organization]").Input("acme");
        page.Find("[data-testid=audit-search]").Click();

        page.WaitForAssertion(() => Assert.Contains("Enter an organization id", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customer_who_reaches_the_component_sees_an_error_and_no_rows()
    {
        await SignedInCustomerAsync();

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-error]")));
        Assert.Empty(page.FindAll("[data-testid=audit-action]"));
    }

    [Fact]
    public void The_page_requires_the_admin_policy() =>
        Assert.Equal(Roles.Admin, Assert.Single(typeof(AuditPage).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true)
            .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>()).Policy);

    private async Task<ApplicationUser> SignedInAdminAsync()
    {
        var admin = await Portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }
}
