using System.Globalization;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The fraud review page over the real services and a SQLite database, with a signed-in admin.</summary>
public abstract class FraudPageTestContext(ProfileUiServices portal) : ProfileComponentTestContext(portal)
{
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>A new admin, signed in for the components, in <paramref name="timeZone"/>.</summary>
    protected async Task<ApplicationUser> SignedInAdminAsync(string? timeZone = null)
    {
        var admin = await Portal.AdminAsync();
        if (timeZone is not null)
        {
            await StoreTimeZoneAsync(admin.Id, timeZone);
        }

        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }

    protected IRenderedComponent<FraudPage> RenderPage()
    {
        Dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<FraudPage>();
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=fraud-loading]"));
            Assert.Empty(page.FindAll("[data-testid=fraud-signals-loading]"));
        });
        return page;
    }

    /// <summary>Six trials from a new address: an open address signal. Returns the address.</summary>
    protected async Task<string> RaiseIpSignalAsync()
    {
        var ip = FraudScenario.NewIp();
        for (var i = 0; i < 6; i++)
        {
            var customer = await Portal.CustomerAsync();
            await Portal.StartTrialAsync(customer, "new_monthly", FraudScenario.NewCardNumber(), ip);
            Portal.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return ip;
    }

    protected async Task<FraudSignal> StoredSignalAsync(string key)
    {
        await using var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.FraudSignals.AsNoTracking().Include(s => s.Accounts).SingleAsync(s => s.Key == key);
    }

    /// <summary>The queue's row for the signal of <paramref name="key"/>.</summary>
    protected static IElement RowOf(IRenderedComponent<FraudPage> page, string key) =>
        page.FindAll("[data-testid=fraud-signals] tbody tr")
            .Single(row => row.QuerySelector("[data-testid=fraud-signal-key]")?.TextContent.Contains(key, StringComparison.Ordinal) == true);

    /// <summary>The checkbox input a MudCheckBox renders for <paramref name="element"/> (the component's root or the input itself).</summary>
    protected static IElement CheckboxInput(IElement element) =>
        element.TagName.Equals("input", StringComparison.OrdinalIgnoreCase) ? element : element.QuerySelector("input[type=checkbox]")!;

    protected static string Machine(DateTimeOffset instant, TimeSpan offset) =>
        instant.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
