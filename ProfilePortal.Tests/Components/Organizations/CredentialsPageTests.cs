using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProfilePortal.Components.Organizations;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Credentials;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Organizations;

public sealed class CredentialsPageTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    private const string Secret = "sk_test_51HxYz0123456789";

    [Fact]
    public async Task The_owner_adds_a_credential_sees_it_masked_and_reveals_it_until_the_window_closes()
    {
        var owner = await SignedInCustomerAsync();
        var organizationId = await Portal.PersonalOrganizationAsync(owner.Id);
        var dialogs = RenderProviders();
        var page = RenderPage(organizationId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=credentials-empty]")));

        // Each click's handler waits for its dialog to close.
        var add = page.Find("[data-testid=credentials-add]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=credential-dialog]")));
        await dialogs.Find("[data-testid=credential-name-input]").InputAsync(new() { Value = "Stripe" });
        await dialogs.Find("[data-testid=credential-value-input]").InputAsync(new() { Value = Secret });
        await dialogs.Find("[data-testid=credential-note-input]").InputAsync(new() { Value = "test mode" });
        await dialogs.Find("[data-testid=credential-save]").ClickAsync(new());
        await add;

        page.WaitForAssertion(() => Assert.Equal("Stripe", page.Find("[data-testid=credential-name]").TextContent.Trim()));
        Assert.Equal("••••6789", page.Find("[data-testid=credential-masked]").TextContent.Trim());
        Assert.DoesNotContain(Secret, page.Markup, StringComparison.Ordinal);

        var reveal = page.Find("[data-testid=credential-reveal]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Equal(Secret, dialogs.Find("[data-testid=credential-revealed-value]").GetAttribute("value")));
        await dialogs.Find("[data-testid=credential-reveal-close]").ClickAsync(new());
        await reveal;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=credential-reveal-dialog]")));
        Assert.DoesNotContain(Secret, dialogs.Markup + page.Markup, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(organizationId, "credential.revealed"));
    }

    [Fact]
    public async Task A_taken_name_shows_on_the_name_field_and_the_dialog_stays_open()
    {
        var owner = await SignedInCustomerAsync();
        var organizationId = await Portal.PersonalOrganizationAsync(owner.Id);
        await Portal.Get<CredentialService>().AddAsync(owner.Id, organizationId, new CredentialInput("Stripe", Secret, null));
        var dialogs = RenderProviders();
        var page = RenderPage(organizationId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=credentials-table]")));

        _ = page.Find("[data-testid=credentials-add]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=credential-dialog]")));
        await dialogs.Find("[data-testid=credential-name-input]").InputAsync(new() { Value = "stripe" });
        await dialogs.Find("[data-testid=credential-value-input]").InputAsync(new() { Value = "another-value" });
        await dialogs.Find("[data-testid=credential-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("The organization already has a credential with this name.", dialogs.Markup, StringComparison.Ordinal));
        Assert.NotNull(dialogs.Find("[data-testid=credential-dialog]"));
    }

    [Fact]
    public async Task An_admin_deletes_a_credential_after_confirming()
    {
        var owner = await Portal.RegisteredUserAsync();
        var organizationId = await Portal.PersonalOrganizationAsync(owner.Id);
        await Portal.Get<CredentialService>().AddAsync(owner.Id, organizationId, new CredentialInput("Slack", Secret, null));
        var admin = await SignedInCustomerAsync();
        await Portal.JoinAsync(organizationId, admin.Id, OrganizationRole.Admin);
        var dialogs = RenderProviders();
        var page = RenderPage(organizationId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=credential-delete]")));

        var delete = page.Find("[data-testid=credential-delete]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the credential Slack?", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await delete;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=credentials-empty]")));
        Assert.Equal(1, await AuditCountAsync(organizationId, "credential.deleted"));
    }

    [Fact]
    public async Task A_member_is_told_only_the_managers_see_credentials_and_sees_no_names()
    {
        var owner = await Portal.RegisteredUserAsync();
        var organizationId = await Portal.PersonalOrganizationAsync(owner.Id);
        await Portal.Get<CredentialService>().AddAsync(owner.Id, organizationId, new CredentialInput("Hidden name", Secret, null));
        var member = await SignedInCustomerAsync();
        await Portal.JoinAsync(organizationId, member.Id);

        var page = RenderPage(organizationId);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=credentials-managers-only]")));
        Assert.DoesNotContain("Hidden name", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=credentials-add]"));
    }

    [Fact]
    public async Task A_user_of_another_organization_finds_nothing()
    {
        var owner = await Portal.RegisteredUserAsync();
        var organizationId = await Portal.PersonalOrganizationAsync(owner.Id);
        await Portal.Get<CredentialService>().AddAsync(owner.Id, organizationId, new CredentialInput("Hidden name", Secret, null));
        await SignedInCustomerAsync("ru");
        UseCulture("ru");

        var page = RenderPage(organizationId);

        page.WaitForAssertion(() => Assert.Equal("Такой организации нет, или вы не состоите в ней.", page.Find("[data-testid=credentials-not-found]").TextContent.Trim()));
        Assert.DoesNotContain("Hidden name", page.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return dialogs;
    }

    private IRenderedComponent<CredentialsPage> RenderPage(Guid organizationId) =>
        Render<CredentialsPage>(p => p.Add(c => c.OrganizationId, organizationId));

    private async Task<int> AuditCountAsync(Guid organizationId, string action)
    {
        await using var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.AuditEntries.CountAsync(a => a.OrganizationId == organizationId && a.Action == action);
    }
}
