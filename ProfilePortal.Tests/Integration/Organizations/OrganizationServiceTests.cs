using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Organizations;

public sealed class OrganizationServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private OrganizationService Service => portal.Get<OrganizationService>();

    [Fact]
    public async Task Create_starts_on_Free_with_the_creator_as_Owner_makes_it_current_and_audits()
    {
        var user = await portal.ConfirmedUserAsync();

        var created = await Service.CreateAsync(user.Id, "  ML Lab  ");

        Assert.True(created.Succeeded);
        var subscription = await portal.SubscriptionAsync(created.Value);
        Assert.Equal(Plan.FreeCode, subscription.PlanCode);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        var workspace = await WorkspaceAsync(user.Id);
        Assert.Equal(created.Value, workspace.Current.OrganizationId);
        Assert.Equal("ML Lab", workspace.Current.OrganizationName);
        Assert.Equal(OrganizationRole.Owner, workspace.Current.Role);
        Assert.False(workspace.Current.IsPersonal);
        Assert.Equal(["organization.created"], await portal.AuditActionsAsync(created.Value));
    }

    [Theory]
    [InlineData("", "organizations.name_required")]
    [InlineData("   ", "organizations.name_required")]
    [InlineData(null, "organizations.name_required")]
    public async Task Create_refuses_an_empty_name_and_creates_nothing(string? name, string code)
    {
        var user = await portal.ConfirmedUserAsync();

        var created = await Service.CreateAsync(user.Id, name);

        Assert.Equal(code, Assert.Single(created.Errors).Code);
        Assert.Single(await Service.ListAsync(user.Id));
    }

    [Fact]
    public async Task Create_refuses_a_name_longer_than_the_organization_allows()
    {
        var user = await portal.ConfirmedUserAsync();

        var created = await Service.CreateAsync(user.Id, new string('a', Organization.NameMaxLength + 1));

        Assert.Equal("organizations.name_too_long", Assert.Single(created.Errors).Code);
        Assert.Single(await Service.ListAsync(user.Id));
        Assert.True((await Service.CreateAsync(user.Id, new string('a', Organization.NameMaxLength))).Succeeded);
    }

    [Fact]
    public async Task Switch_moves_Workspace_Current_and_the_profile_quota_and_activity_follow()
    {
        var user = await portal.ConfirmedUserAsync();
        var personal = await portal.PersonalOrganizationAsync(user.Id);
        var team = (await Service.CreateAsync(user.Id, "Team")).Value;
        await RecordUsageAsync(team, user.Id, "team run", launches: 3);
        await RecordUsageAsync(personal, user.Id, "personal run");

        var switched = await Service.SwitchAsync(user.Id, personal);

        Assert.True(switched.Succeeded);
        Assert.Equal(personal, (await WorkspaceAsync(user.Id)).Current.OrganizationId);
        var page = (await portal.Get<ProfileService>().LoadPageAsync(user.Id)).Value;
        Assert.Equal(personal, page.Profile.OrganizationId);
        Assert.Equal(1, page.Quota.Used);
        Assert.Equal(["personal run"], page.Activity.Select(a => a.Title));

        Assert.True((await Service.SwitchAsync(user.Id, team)).Succeeded);
        page = (await portal.Get<ProfileService>().LoadPageAsync(user.Id)).Value;
        Assert.Equal(team, page.Profile.OrganizationId);
        Assert.Equal("Team", page.Profile.OrganizationName);
        Assert.Equal(3, page.Quota.Used);
        Assert.Equal(["team run"], page.Activity.Select(a => a.Title));
        Assert.Contains("organization.switched", await portal.AuditActionsAsync(team));
        var list = await Service.ListAsync(user.Id);
        Assert.Equal(team, Assert.Single(list, o => o.IsCurrent).Id);
    }

    [Fact]
    public async Task Acting_on_an_organization_of_another_tenant_is_refused_and_changes_nothing()
    {
        var user = await portal.ConfirmedUserAsync();
        var stranger = await portal.ConfirmedUserAsync();
        var foreign = (await Service.CreateAsync(stranger.Id, "Foreign")).Value;

        Assert.Equal(OrganizationService.NotMember, Assert.Single((await Service.SwitchAsync(user.Id, foreign)).Errors));
        Assert.Equal(OrganizationService.NotMember, Assert.Single((await Service.RenameAsync(user.Id, foreign, "Mine")).Errors));
        Assert.Equal(OrganizationService.NotMember, Assert.Single((await Service.LeaveAsync(user.Id, foreign)).Errors));
        Assert.Equal(OrganizationService.NotMember, Assert.Single((await Service.DeleteAsync(user.Id, foreign)).Errors));

        Assert.NotEqual(foreign, (await WorkspaceAsync(user.Id)).Current.OrganizationId);
        Assert.Equal("Foreign", (await OrganizationAsync(foreign)).Name);
        Assert.Null((await OrganizationAsync(foreign)).DeletedAt);
        Assert.Equal(["organization.created"], await portal.AuditActionsAsync(foreign));
    }

    [Fact]
    public async Task Rename_by_an_Admin_is_saved_and_audited_with_both_names()
    {
        var owner = await portal.ConfirmedUserAsync();
        var admin = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Old name")).Value;
        await portal.JoinAsync(team, admin.Id, OrganizationRole.Admin);

        var renamed = await Service.RenameAsync(admin.Id, team, " New name ");

        Assert.True(renamed.Succeeded);
        Assert.Equal("New name", (await OrganizationAsync(team)).Name);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.OrganizationId == team && a.Action == "organization.renamed");
        Assert.Equal(admin.Id, audit.ActorUserId);
        Assert.Contains("\"Name\":{\"from\":\"Old name\",\"to\":\"New name\"}", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_is_refused_for_a_Member_and_for_a_bad_name()
    {
        var owner = await portal.ConfirmedUserAsync();
        var member = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Team")).Value;
        await portal.JoinAsync(team, member.Id);

        Assert.Equal(OrganizationService.OwnerOrAdminOnly, Assert.Single((await Service.RenameAsync(member.Id, team, "Mine")).Errors));
        Assert.Equal("organizations.name_required", Assert.Single((await Service.RenameAsync(owner.Id, team, " ")).Errors).Code);
        Assert.Equal("organizations.name_too_long",
            Assert.Single((await Service.RenameAsync(owner.Id, team, new string('b', Organization.NameMaxLength + 1))).Errors).Code);

        Assert.Equal("Team", (await OrganizationAsync(team)).Name);
        Assert.DoesNotContain("organization.renamed", await portal.AuditActionsAsync(team));
    }

    [Fact]
    public async Task Leave_removes_the_membership_and_the_current_organization_falls_back_to_the_personal_one()
    {
        var owner = await portal.ConfirmedUserAsync();
        var member = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Team")).Value;
        await portal.JoinAsync(team, member.Id);
        Assert.True((await Service.SwitchAsync(member.Id, team)).Succeeded);

        var left = await Service.LeaveAsync(member.Id, team);

        Assert.True(left.Succeeded);
        var workspace = await WorkspaceAsync(member.Id);
        Assert.DoesNotContain(workspace.Memberships, m => m.OrganizationId == team);
        Assert.Equal(await portal.PersonalOrganizationAsync(member.Id), workspace.Current.OrganizationId);
        Assert.Contains("organization.left", await portal.AuditActionsAsync(team));
    }

    [Fact]
    public async Task Leaving_as_the_last_Owner_is_refused_until_another_Owner_exists()
    {
        var owner = await portal.ConfirmedUserAsync();
        var admin = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Team")).Value;
        await portal.JoinAsync(team, admin.Id, OrganizationRole.Admin);

        var refused = await Service.LeaveAsync(owner.Id, team);

        Assert.Equal(OrganizationService.LastOwner, Assert.Single(refused.Errors));
        Assert.Contains("transfer ownership", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains(await Service.ListAsync(owner.Id), o => o.Id == team);

        var second = await portal.ConfirmedUserAsync();
        await portal.JoinAsync(team, second.Id, OrganizationRole.Owner);
        Assert.True((await Service.LeaveAsync(owner.Id, team)).Succeeded);
    }

    [Fact]
    public async Task The_personal_organization_cannot_be_left_or_deleted()
    {
        var user = await portal.ConfirmedUserAsync();
        var personal = await portal.PersonalOrganizationAsync(user.Id);

        Assert.Equal(OrganizationService.Personal, Assert.Single((await Service.LeaveAsync(user.Id, personal)).Errors));
        Assert.Equal(OrganizationService.Personal, Assert.Single((await Service.DeleteAsync(user.Id, personal)).Errors));
        Assert.Null((await OrganizationAsync(personal)).DeletedAt);
    }

    [Fact]
    public async Task Delete_by_the_Owner_hides_the_organization_from_everyone_and_keeps_its_rows()
    {
        var owner = await portal.ConfirmedUserAsync();
        var member = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Team")).Value;
        await portal.JoinAsync(team, member.Id);
        Assert.True((await Service.SwitchAsync(member.Id, team)).Succeeded);
        await RecordUsageAsync(team, member.Id, "run");

        var deleted = await Service.DeleteAsync(owner.Id, team);

        Assert.True(deleted.Succeeded);
        Assert.Equal(portal.Clock.GetUtcNow(), (await OrganizationAsync(team)).DeletedAt);
        Assert.DoesNotContain(await Service.ListAsync(owner.Id), o => o.Id == team);
        Assert.Equal(await portal.PersonalOrganizationAsync(member.Id), (await WorkspaceAsync(member.Id)).Current.OrganizationId);
        Assert.Equal(await portal.PersonalOrganizationAsync(member.Id), (await portal.Get<ProfileService>().LoadPageAsync(member.Id)).Value.Profile.OrganizationId);
        var subscription = await portal.SubscriptionAsync(team);
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Equal(Subscription.OrganizationDeletedReason, subscription.CancellationReason);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.UsageEvents.CountAsync(e => e.OrganizationId == team));
        Assert.Contains("organization.deleted", await portal.AuditActionsAsync(team));
        Assert.Equal(OrganizationService.NotMember, Assert.Single((await Service.RenameAsync(owner.Id, team, "Back")).Errors));
    }

    [Theory]
    [InlineData(OrganizationRole.Admin)]
    [InlineData(OrganizationRole.Member)]
    public async Task Delete_by_someone_who_is_not_an_Owner_is_refused(OrganizationRole role)
    {
        var owner = await portal.ConfirmedUserAsync();
        var other = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Team")).Value;
        await portal.JoinAsync(team, other.Id, role);

        Assert.Equal(OrganizationService.OwnerOnly, Assert.Single((await Service.DeleteAsync(other.Id, team)).Errors));
        Assert.Null((await OrganizationAsync(team)).DeletedAt);
        Assert.Equal(2, (await Service.ListAsync(owner.Id)).Single(o => o.Id == team).MemberCount);
    }

    [Fact]
    public async Task Delete_is_refused_while_a_paid_subscription_runs()
    {
        var owner = await portal.ConfirmedUserAsync();
        var team = (await Service.CreateAsync(owner.Id, "Team")).Value;
        await portal.BuyAsync(new Customer(owner, team));

        var refused = await Service.DeleteAsync(owner.Id, team);

        Assert.Equal(OrganizationService.PaidSubscription, Assert.Single(refused.Errors));
        Assert.Null((await OrganizationAsync(team)).DeletedAt);
        Assert.Equal(SubscriptionStatus.Active, (await portal.SubscriptionAsync(team)).Status);
        Assert.DoesNotContain("organization.deleted", await portal.AuditActionsAsync(team));
    }

    private async Task<Workspace> WorkspaceAsync(Guid userId) =>
        await portal.Get<OrganizationAccess>().GetWorkspaceAsync(userId) ?? throw new InvalidOperationException("No workspace.");

    private async Task<Organization> OrganizationAsync(Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId);
    }

    private async Task RecordUsageAsync(Guid organizationId, Guid userId, string title, int launches = 1)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.TrainingRun, title, launches, portal.Clock.GetUtcNow().AddMinutes(-1)));
        await db.SaveChangesAsync();
    }
}
