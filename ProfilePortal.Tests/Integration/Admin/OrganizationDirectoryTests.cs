using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>The admins' organization directory over a real SQLite database: search by name or member, pages, one organization.</summary>
public sealed class OrganizationDirectoryTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private OrganizationDirectory Directory => portal.Get<OrganizationDirectory>();

    [Fact]
    public async Task A_name_prefix_finds_the_organization_with_its_members_owners_first_but_not_its_members_other_organizations()
    {
        var word = CustomerBuilders.UniqueWord("Oq");
        var owner = await portal.NamedCustomerAsync(Builders.UniqueEmail(), "Olga", "Owner", null);
        var team = await CreateAsync(owner.Id, word + " Robotics");
        var member = await portal.NamedCustomerAsync(Builders.UniqueEmail(), "Mark", "Member", null);
        await portal.JoinAsync(team, member.Id, OrganizationRole.Member);
        var admin = await portal.AdminAsync();

        var found = await Directory.SearchAsync(admin.Id, new OrganizationQuery(" " + word.ToLowerInvariant()));

        var row = Assert.Single(found.Value.Items);
        Assert.Equal(1, found.Value.Total);
        Assert.Equal((team, word + " Robotics", false, Plan.FreeCode, (SubscriptionStatus?)SubscriptionStatus.Active, 2), (row.Id, row.Name, row.IsPersonal, row.PlanCode, row.Status, row.MemberCount));
        Assert.Equal([(owner.Email!, OrganizationRole.Owner), (member.Email!, OrganizationRole.Member)], row.Members.Select(m => (m.Email, m.Role)));
    }

    [Fact]
    public async Task A_member_prefix_finds_every_organization_the_member_is_in()
    {
        var word = CustomerBuilders.UniqueWord("Pq");
        var member = await portal.NamedCustomerAsync(Builders.UniqueEmail(), "Vera", word + "ova", null);
        var personal = await portal.PersonalOrganizationAsync(member.Id);
        var team = await portal.OrganizationWithMemberAsync("Unrelated name", member.Id);
        var admin = await portal.AdminAsync();

        var found = await Directory.SearchAsync(admin.Id, new OrganizationQuery(word));

        Assert.Equal(new[] { personal, team }.Order(), found.Value.Items.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task Rows_name_three_members_and_count_them_all_and_pages_follow_the_name_order()
    {
        var word = CustomerBuilders.UniqueWord("Rq");
        var owner = await portal.ConfirmedUserAsync();
        var big = await CreateAsync(owner.Id, word + " A big one");
        for (var i = 0; i < 4; i++)
        {
            await portal.JoinAsync(big, (await portal.ConfirmedUserAsync()).Id);
        }

        var second = await CreateAsync(owner.Id, word + " B second");
        var admin = await portal.AdminAsync();

        var first = await Directory.SearchAsync(admin.Id, new OrganizationQuery(word, Page: 0, PageSize: 1));
        var next = await Directory.SearchAsync(admin.Id, new OrganizationQuery(word, Page: 1, PageSize: 1));

        Assert.Equal(2, first.Value.Total);
        var row = Assert.Single(first.Value.Items);
        Assert.Equal((big, 5, OrganizationDirectory.RowMemberLimit, OrganizationRole.Owner), (row.Id, row.MemberCount, row.Members.Count, row.Members[0].Role));
        Assert.Equal(second, Assert.Single(next.Value.Items).Id);
    }

    [Fact]
    public async Task A_deleted_organization_is_found_and_marked_and_its_page_opens()
    {
        var word = CustomerBuilders.UniqueWord("Sq");
        var owner = await portal.ConfirmedUserAsync();
        var team = await CreateAsync(owner.Id, word + " Gone");
        Assert.True((await portal.Get<OrganizationService>().DeleteAsync(owner.Id, team)).Succeeded);
        var admin = await portal.AdminAsync();

        var row = Assert.Single((await Directory.SearchAsync(admin.Id, new OrganizationQuery(word))).Value.Items);
        var details = await Directory.GetAsync(admin.Id, team);

        Assert.Equal((0, portal.Clock.GetUtcNow()), (row.MemberCount, row.DeletedAt));
        Assert.Equal((word + " Gone", (DateTimeOffset?)portal.Clock.GetUtcNow(), null), (details.Value.Name, details.Value.DeletedAt, details.Value.Account.Role));
        Assert.Equal(Plan.FreeCode, details.Value.Account.Subscription!.PlanCode);
    }

    [Fact]
    public async Task The_page_of_an_organization_has_all_its_members_billing_and_quota()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer);
        var colleague = await portal.ConfirmedUserAsync();
        await portal.JoinAsync(customer.OrganizationId, colleague.Id, OrganizationRole.Admin);
        var admin = await portal.AdminAsync();

        var details = (await Directory.GetAsync(admin.Id, customer.OrganizationId)).Value;

        Assert.True(details.IsPersonal);
        Assert.Equal(new[] { customer.Id, colleague.Id }.Order(), details.Account.Members.Select(m => m.UserId).Order());
        Assert.Equal("new_quarterly", details.Account.Subscription!.PlanCode);
        Assert.Single(details.Account.Payments);
        Assert.Equal(500, details.Account.Quota!.PlanAllowance);
        Assert.Equal(Error.NotFound("organization"), (await Directory.GetAsync(admin.Id, Guid.NewGuid())).Errors.Single());
    }

    [Fact]
    public async Task A_customer_is_refused_both_reads()
    {
        var customer = await portal.CustomerAsync();

        Assert.Equal(Error.Forbidden(), (await Directory.SearchAsync(customer.Id, new OrganizationQuery(null))).Errors.Single());
        Assert.Equal(Error.Forbidden(), (await Directory.GetAsync(customer.Id, customer.OrganizationId)).Errors.Single());
    }

    private async Task<Guid> CreateAsync(Guid ownerId, string name)
    {
        var created = await portal.Get<OrganizationService>().CreateAsync(ownerId, name);
        Assert.True(created.Succeeded);
        return created.Value;
    }
}
