using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The plans page over the real catalogue services and a SQLite database, as an admin uses it.</summary>
public sealed class PlansPageTests : PortalComponentTestContext, IClassFixture<PortalServices>
{
    private readonly PortalServices _portal;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public PlansPageTests(PortalServices portal)
    {
        _portal = portal;
        Services.AddFallbackServiceProvider(portal.Services);
    }

    [Fact]
    public async Task The_grids_list_every_plan_and_pack_with_prices_allowances_and_status()
    {
        await SignedInAdminAsync();

        var page = RenderPage();

        var codes = page.FindAll("[data-testid=plan-row]").Select(r => r.GetAttribute("data-plan")).ToList();
        Assert.Contains("3year", codes);
        Assert.Contains("new_annual", codes);
        var legacy = page.FindAll("[data-testid=plan-row]").Single(r => r.GetAttribute("data-plan") == "3year").ParentElement!;
        Assert.Equal("Off sale", legacy.QuerySelector("[data-testid=plan-status]")!.TextContent.Trim());
        var free = page.FindAll("[data-testid=plan-row]").Single(r => r.GetAttribute("data-plan") == Plan.FreeCode).ParentElement!;
        Assert.Null(free.QuerySelector("[data-testid=plan-edit]"));
        Assert.NotEmpty(page.FindAll("[data-testid=pack-row]"));
    }

    [Fact]
    public async Task Editing_validates_asks_for_confirmation_saves_and_shows_the_new_values()
    {
        await SignedInAdminAsync();
        var page = RenderPage();

        var open = page.FindAll("[data-testid=plan-row]").Single(r => r.GetAttribute("data-plan") == "new_monthly").ParentElement!
            .QuerySelector("[data-testid=plan-edit]")!.ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=catalog-dialog]")));
        await Input("catalog-price").InputAsync(new() { Value = "0" });
        await _dialogs.Find("[data-testid=catalog-next]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("A price is more than 0", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(_dialogs.FindAll("[data-testid=catalog-confirm]"));

        await Input("catalog-price").InputAsync(new() { Value = "4100" });
        await Input("catalog-active").ChangeAsync(new() { Value = false });
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=catalog-inactive-note]")));
        await _dialogs.Find("[data-testid=catalog-next]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("next renewal", _dialogs.Find("[data-testid=catalog-confirm-note]").TextContent, StringComparison.Ordinal));
        await _dialogs.Find("[data-testid=catalog-confirm]").ClickAsync(new());
        await open;

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("[data-testid=plan-row]").Single(r => r.GetAttribute("data-plan") == "new_monthly").ParentElement!;
            Assert.Contains("4", row.QuerySelector("[data-testid=plan-price]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("Off sale", row.QuerySelector("[data-testid=plan-status]")!.TextContent.Trim());
        });
        Assert.DoesNotContain((await _portal.Get<CatalogService>().GetAsync()).Plans, p => p.Code == "new_monthly");
        Assert.Single(await _portal.AuditOfAsync("plan", "new_monthly"));
    }

    [Fact]
    public async Task A_customer_sees_a_refusal_not_the_grids()
    {
        var customer = await _portal.ConfirmedUserAsync();
        SignIn(customer.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, customer.Id.ToString()));

        var page = Render<PlansPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=plans-forbidden]")));
        Assert.Empty(page.FindAll("[data-testid=plan-row]"));
    }

    // MudBlazor puts a field's attributes on its input or on its root, depending on the component.
    private AngleSharp.Dom.IElement Input(string testId)
    {
        var element = _dialogs.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private IRenderedComponent<PlansPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<PlansPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=plans-page]")));
        return page;
    }

    private async Task SignedInAdminAsync()
    {
        var admin = await _portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
    }
}
