using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class QuotaExtensionDialogTests(ProfileUiServices portal) : AdminQuotaTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_dialog_names_the_customer_shows_the_services_errors_on_their_fields_then_extends_and_closes_with_the_grant()
    {
        var customer = await Portal.CustomerAsync();
        var admin = await SignedInAdminAsync();
        RenderProviders();

        Task<QuotaExtension?> shown = null!;
        await Dialogs.InvokeAsync(() => { shown = QuotaExtensionDialog.ShowAsync(DialogService, Text, admin.Id, customer.OrganizationId, "ben@example.com"); });
        Dialogs.WaitForAssertion(() => Assert.Contains("ben@example.com", Dialogs.Find("[data-testid=quota-extension-customer]").TextContent, StringComparison.Ordinal));
        await Dialogs.Find("[data-testid=quota-extension-confirm]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Say why.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await GrantedAsync(customer.OrganizationId));

        await Dialogs.Find("[data-testid=quota-extension-reason]").InputAsync(new() { Value = "Ticket 7" });
        await Dialogs.Find("[data-testid=quota-extension-expiry]").ChangeAsync(new() { Value = "2026-11-01" });
        await Dialogs.Find("[data-testid=quota-extension-confirm]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("The expiry must be in the future.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Say why.", Dialogs.Markup, StringComparison.Ordinal);

        await Dialogs.Find("[data-testid=quota-extension-launches]").ChangeAsync(new() { Value = "15" });
        await Dialogs.Find("[data-testid=quota-extension-expiry]").ChangeAsync(new() { Value = "2026-11-25" });
        await Dialogs.Find("[data-testid=quota-extension-confirm]").ClickAsync(new());
        var extension = await shown;

        Assert.NotNull(extension);
        Assert.Equal(
            (customer.OrganizationId, 15, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)),
            (extension.OrganizationId, extension.Launches, extension.ValidUntil));
        Assert.Equal(15, await GrantedAsync(customer.OrganizationId));
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=quota-extension-dialog]")));
    }

    [Fact]
    public async Task Cancelling_grants_nothing_and_returns_null()
    {
        var customer = await Portal.CustomerAsync();
        var admin = await SignedInAdminAsync();
        RenderProviders();

        Task<QuotaExtension?> shown = null!;
        await Dialogs.InvokeAsync(() => { shown = QuotaExtensionDialog.ShowAsync(DialogService, Text, admin.Id, customer.OrganizationId, "Vision Works"); });
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=quota-extension-dialog]")));
        await Dialogs.Find("[data-testid=quota-extension-cancel]").ClickAsync(new());

        Assert.Null(await shown);
        Assert.Equal(0, await GrantedAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task In_russian_the_dialog_speaks_russian_and_a_customer_is_refused_by_the_service()
    {
        UseCulture("ru");
        var customer = await SignedInCustomerAsync();
        var organizationId = await Portal.PersonalOrganizationAsync(customer.Id);
        RenderProviders();

        Task<QuotaExtension?> shown = null!;
        await Dialogs.InvokeAsync(() => { shown = QuotaExtensionDialog.ShowAsync(DialogService, Text, customer.Id, organizationId, customer.Email!); });
        Dialogs.WaitForAssertion(() => Assert.Contains("Дополнительные запуски", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.Find("[data-testid=quota-extension-reason]").InputAsync(new() { Value = "Себе" });
        await Dialogs.Find("[data-testid=quota-extension-confirm]").ClickAsync(new());

        Dialogs.WaitForAssertion(() => Assert.Equal("Это могут делать только администраторы.", Dialogs.Find("[data-testid=quota-extension-error]").TextContent.Trim()));
        Assert.Equal(0, await GrantedAsync(organizationId));
        Assert.False(shown.IsCompleted);
    }
}
