using Bunit;
using ProfilePortal.Components.Organizations;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Integration.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Organizations;

/// <summary><c>/organizations/{id}/members</c> for each role, over the real members services.</summary>
public sealed class MembersPageTests(ProfileUiServices portal) : MembersPageTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<MembersPage> RenderMembers(Guid organizationId) =>
        RenderPage<MembersPage>(p => p.Add(c => c.OrganizationId, organizationId), "members-loading");

    private static int Count(IRenderedComponent<MembersPage> page, string selector) => page.FindAll(selector).Count;

    [Fact]
    public async Task The_owner_sees_every_control_and_the_pending_invitations()
    {
        var team = await TeamAsync();
        await Portal.Get<InvitationService>().InviteAsync(team.Owner.Id, team.OrganizationId, "pending@example.com", OrganizationRole.Admin);
        SignInAs(team.Owner);

        var page = RenderMembers(team.OrganizationId);

        Assert.NotNull(page.Find("[data-testid=members-invite]"));
        Assert.Equal(3, page.FindAll("[data-testid=members-table] tbody tr").Count);
        Assert.Equal("Owner", page.Find($"[data-testid=member-role-{team.Owner.Id}]").TextContent.Trim());
        Assert.Equal(1, Count(page, $"[data-testid=member-change-role-{team.Admin.Id}]"));
        Assert.Equal(1, Count(page, $"[data-testid=member-transfer-{team.Admin.Id}]"));
        Assert.NotNull(page.Find($"[data-testid=member-remove-{team.Member.Id}]"));
        Assert.NotNull(page.Find($"[data-testid=member-transfer-{team.Member.Id}]"));
        Assert.Empty(page.FindAll($"[data-testid=member-transfer-{team.Owner.Id}]"));
        Assert.Equal("pending@example.com", page.Find("[data-testid=invitation-email]").TextContent.Trim());
        Assert.StartsWith("11/30/2026 9:00", page.Find("[data-testid=invitation-expires]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid^=invitation-revoke-]"));
        Assert.Empty(page.FindAll("[data-testid=members-read-only]"));
    }

    [Fact]
    public async Task An_admin_manages_admins_and_members_but_not_the_owner_and_cannot_transfer()
    {
        var team = await TeamAsync();
        SignInAs(team.Admin);

        var page = RenderMembers(team.OrganizationId);

        Assert.NotNull(page.Find("[data-testid=members-invite]"));
        Assert.NotNull(page.Find($"[data-testid=member-change-role-{team.Member.Id}]"));
        Assert.NotNull(page.Find($"[data-testid=member-remove-{team.Member.Id}]"));
        Assert.Empty(page.FindAll($"[data-testid=member-change-role-{team.Owner.Id}]"));
        Assert.Empty(page.FindAll($"[data-testid=member-remove-{team.Owner.Id}]"));
        Assert.Empty(page.FindAll("[data-testid^=member-transfer-]"));
        Assert.NotNull(page.Find("[data-testid=members-no-invitations]"));
    }

    [Fact]
    public async Task A_member_sees_the_list_read_only()
    {
        var team = await TeamAsync();
        await Portal.Get<InvitationService>().InviteAsync(team.Owner.Id, team.OrganizationId, Builders.UniqueEmail(), OrganizationRole.Member);
        SignInAs(team.Member);

        var page = RenderMembers(team.OrganizationId);

        Assert.NotNull(page.Find("[data-testid=members-read-only]"));
        Assert.Equal(3, page.FindAll("[data-testid=members-table] tbody tr").Count);
        Assert.Empty(page.FindAll("[data-testid=members-invite]"));
        Assert.Empty(page.FindAll("[data-testid^=member-change-role-]"));
        Assert.Empty(page.FindAll("[data-testid^=member-remove-]"));
        Assert.Empty(page.FindAll("[data-testid^=member-transfer-]"));
        Assert.Empty(page.FindAll("[data-testid=members-invitations]"));
    }

    [Fact]
    public async Task A_stranger_is_told_the_organization_is_not_theirs()
    {
        var team = await TeamAsync();
        var stranger = await Portal.ConfirmedUserAsync();
        SignInAs(stranger);

        var page = RenderMembers(team.OrganizationId);

        Assert.NotNull(page.Find("[data-testid=members-forbidden]"));
        Assert.Empty(page.FindAll("[data-testid=members-table]"));
    }

    [Fact]
    public async Task The_owner_invites_through_the_dialog_and_the_email_is_queued()
    {
        var team = await TeamAsync();
        SignInAs(team.Owner);
        var page = RenderMembers(team.OrganizationId);

        var click = page.Find("[data-testid=members-invite]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=invite-email]")));
        await Dialogs.Find("[data-testid=invite-email]").InputAsync(new() { Value = "not-an-email" });
        await Dialogs.Find("[data-testid=invite-send]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Enter a valid email address.", Dialogs.Markup, StringComparison.Ordinal));

        var email = Builders.UniqueEmail("new");
        await Dialogs.Find("[data-testid=invite-email]").InputAsync(new() { Value = email });
        await Dialogs.Find("[data-testid=invite-role-Admin]").ClickAsync(new());
        await Dialogs.Find("[data-testid=invite-send]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal(email, page.Find("[data-testid=invitation-email]").TextContent.Trim()));
        Snackbars.WaitForAssertion(() => Assert.Contains($"Invitation sent to {email}.", Snackbars.Markup, StringComparison.Ordinal));
        var invitation = Assert.Single(await Portal.InvitationsAsync(team.OrganizationId));
        Assert.Equal(OrganizationRole.Admin, invitation.Role);
        Assert.Single(await Portal.OutboxAsync(), m => m.ToAddress == email && m.Kind == InvitationModel.Kind);
    }

    [Fact]
    public async Task The_owner_transfers_ownership_after_confirming()
    {
        var team = await TeamAsync();
        SignInAs(team.Owner);
        var page = RenderMembers(team.OrganizationId);

        var click = page.Find($"[data-testid=member-transfer-{team.Member.Id}]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("becomes the owner of", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Transfer ownership").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Owner", page.Find($"[data-testid=member-role-{team.Member.Id}]").TextContent.Trim()));
        Assert.Equal("Admin", page.Find($"[data-testid=member-role-{team.Owner.Id}]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid^=member-transfer-]"));
        var roles = await Portal.RolesAsync(team.OrganizationId);
        Assert.Equal((OrganizationRole.Admin, OrganizationRole.Owner), (roles[team.Owner.Id], roles[team.Member.Id]));
    }

    [Fact]
    public async Task Removing_a_member_asks_first_and_cancelling_keeps_them()
    {
        var team = await TeamAsync();
        SignInAs(team.Admin);
        var page = RenderMembers(team.OrganizationId);

        var cancelled = page.Find($"[data-testid=member-remove-{team.Member.Id}]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("will lose access to", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await cancelled;
        Assert.Contains(team.Member.Id, (await Portal.RolesAsync(team.OrganizationId)).Keys);

        var click = page.Find($"[data-testid=member-remove-{team.Member.Id}]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("will lose access to", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=member-{team.Member.Id}]")));
        Assert.DoesNotContain(team.Member.Id, (await Portal.RolesAsync(team.OrganizationId)).Keys);
    }

    [Fact]
    public async Task Demoting_the_last_owner_is_refused_in_the_role_dialog()
    {
        var team = await TeamAsync();
        SignInAs(team.Owner);
        var page = RenderMembers(team.OrganizationId);

        var click = page.Find($"[data-testid=member-change-role-{team.Owner.Id}]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=role-Member]")));
        await Dialogs.Find("[data-testid=role-Member]").ClickAsync(new());
        await Dialogs.Find("[data-testid=role-save]").ClickAsync(new());

        Dialogs.WaitForAssertion(() => Assert.Contains("An organization needs an owner", Dialogs.Find("[data-testid=role-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(OrganizationRole.Owner, (await Portal.RolesAsync(team.OrganizationId))[team.Owner.Id]);
        await Dialogs.Find("[data-testid=role-cancel]").ClickAsync(new());
        await click;
    }

    [Fact]
    public async Task The_page_speaks_russian()
    {
        UseCulture("ru");
        var team = await TeamAsync();
        SignInAs(team.Member);

        var page = RenderMembers(team.OrganizationId);

        Assert.Equal("Участники", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.Contains("только для чтения", page.Find("[data-testid=members-read-only]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Владелец", page.Find($"[data-testid=member-role-{team.Owner.Id}]").TextContent.Trim());
    }
}
