using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>The admins' customer directory over a real SQLite database: prefix search, sorted pages, the customer page.</summary>
public sealed class CustomerDirectoryTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private CustomerDirectory Directory => portal.Get<CustomerDirectory>();

    [Theory]
    [InlineData("email")]
    [InlineData("first")]
    [InlineData("last")]
    [InlineData("company")]
    [InlineData("organization")]
    public async Task A_prefix_of_each_field_finds_the_customer_whatever_the_case(string field)
    {
        var word = CustomerBuilders.UniqueWord("Zq");
        var customer = await portal.NamedCustomerAsync(
            field == "email" ? $"{word}.x@example.com" : Builders.UniqueEmail(),
            field == "first" ? word + "ina" : "Anna",
            field == "last" ? word + "ova" : "Smith",
            field == "company" ? word + " Labs" : "Acme");
        var expected = new List<Guid> { customer.Id };
        if (field == "organization")
        {
            // Everyone in the organization matches: its owner too.
            await portal.OrganizationWithMemberAsync(word + " Research", customer.Id);
            expected = (await Directory.GetCustomerAsync((await portal.AdminAsync()).Id, customer.Id)).Value
                .Organizations.Single(o => o.Name == word + " Research").Members.Select(m => m.UserId).Order().ToList();
        }

        var admin = await portal.AdminAsync();
        var found = await Directory.SearchAsync(admin.Id, new CustomerQuery(" " + word[..^2].ToLowerInvariant()));
        var exact = await Directory.SearchAsync(admin.Id, new CustomerQuery(word.ToUpperInvariant()));
        var other = await Directory.SearchAsync(admin.Id, new CustomerQuery(word + "zzz"));

        Assert.Equal(expected, found.Value.Items.Select(r => r.UserId).Order());
        Assert.Equal(expected.Count, found.Value.Total);
        Assert.Equal(expected, exact.Value.Items.Select(r => r.UserId).Order());
        Assert.Empty(other.Value.Items);
    }

    [Fact]
    public async Task Migrating_fills_the_search_keys_of_rows_written_before_the_search_existed_including_cyrillic()
    {
        var word = CustomerBuilders.UniqueWord("Жq");
        var customer = await portal.NamedCustomerAsync(Builders.UniqueEmail(), word + "ина", "Иванова", "Acme");
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            // As a database upgraded from before the search: the key columns are empty (and one company is blanks,
            // which has no key and must not stop the backfill).
            await db.Users.Where(u => u.Id == customer.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Company, "   "));
            await db.Users.ExecuteUpdateAsync(u => u
                .SetProperty(x => x.NormalizedFirstName, (string?)null)
                .SetProperty(x => x.NormalizedLastName, (string?)null)
                .SetProperty(x => x.NormalizedCompany, (string?)null));
            await db.Organizations.ExecuteUpdateAsync(o => o.SetProperty(x => x.NormalizedName, (string?)null));
        }

        var admin = await portal.AdminAsync();
        Assert.Empty((await Directory.SearchAsync(admin.Id, new CustomerQuery(word.ToLowerInvariant()))).Value.Items);

        await portal.Get<DatabaseMigrator>().MigrateAsync();
        await portal.Get<DatabaseMigrator>().MigrateAsync();

        var found = await Directory.SearchAsync(admin.Id, new CustomerQuery(word.ToLowerInvariant()));
        Assert.Equal([customer.Id], found.Value.Items.Select(r => r.UserId));
    }

    [Fact]
    public async Task A_row_shows_the_personal_organization_and_its_plan()
    {
        var word = CustomerBuilders.UniqueWord("Yr");
        var customer = await portal.NamedCustomerAsync(Builders.UniqueEmail(), "Olga", word, "Kite");
        var admin = await portal.AdminAsync();

        var row = (await Directory.SearchAsync(admin.Id, new CustomerQuery(word))).Value.Items.Single();

        Assert.Equal((customer.Email, "Olga", word, "Kite"), (row.Email, row.FirstName, row.LastName, row.Company));
        Assert.False(string.IsNullOrEmpty(row.Organization));
        Assert.Equal(customer.CreatedAt, row.CreatedAt);
    }

    [Fact]
    public async Task Pages_follow_the_chosen_sort_and_count_every_match()
    {
        var word = CustomerBuilders.UniqueWord("Xs");
        var made = new List<Domain.Identity.ApplicationUser>();
        foreach (var (letter, last) in new[] { ("c", "Bravo"), ("a", "Delta"), ("e", "Alpha"), ("b", "Echo"), ("d", "Charlie") })
        {
            made.Add(await portal.NamedCustomerAsync($"{word}{letter}@example.com", "Ivan", last, null));
            portal.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var admin = await portal.AdminAsync();
        async Task<List<string?>> PageAsync(CustomerSort sort, bool descending, int page) =>
            (await Directory.SearchAsync(admin.Id, new CustomerQuery(word, sort, descending, page, 2))).Value.Items.Select(r => r.LastName).ToList();

        Assert.Equal(5, (await Directory.SearchAsync(admin.Id, new CustomerQuery(word, PageSize: 2))).Value.Total);
        Assert.Equal(["Delta", "Echo"], await PageAsync(CustomerSort.Email, false, 0));
        Assert.Equal(["Bravo", "Charlie"], await PageAsync(CustomerSort.Email, false, 1));
        Assert.Equal(["Alpha"], await PageAsync(CustomerSort.Email, false, 2));
        Assert.Equal(["Alpha", "Charlie"], await PageAsync(CustomerSort.Email, true, 0));
        Assert.Equal(["Alpha", "Bravo"], await PageAsync(CustomerSort.Name, false, 0));
        Assert.Equal(["Echo", "Delta"], await PageAsync(CustomerSort.Name, true, 0));
        Assert.Equal(["Bravo", "Delta"], await PageAsync(CustomerSort.Created, false, 0));
        Assert.Equal(["Charlie", "Echo"], await PageAsync(CustomerSort.Created, true, 0));
    }

    [Fact]
    public async Task An_empty_search_lists_everyone_and_the_page_size_is_capped()
    {
        await portal.NamedCustomerAsync(Builders.UniqueEmail(), "Petr", "Ivanov", null);
        var admin = await portal.AdminAsync();

        var all = await Directory.SearchAsync(admin.Id, new CustomerQuery("  ", PageSize: 1000));

        Assert.True(all.Value.Total >= 2);
        Assert.Equal(Math.Min(all.Value.Total, CustomerDirectory.MaxPageSize), all.Value.Items.Count);
    }

    [Fact]
    public async Task A_customer_may_not_search_or_open_a_customer_page()
    {
        var customer = await portal.ConfirmedUserAsync();
        var other = await portal.ConfirmedUserAsync();

        Result[] refused =
        [
            await Directory.SearchAsync(customer.Id, new CustomerQuery(null)),
            await Directory.GetCustomerAsync(customer.Id, other.Id),
            await Directory.GetCustomerAsync(customer.Id, customer.Id),
        ];

        Assert.All(refused, r => Assert.Equal(Error.Forbidden().Code, r.Errors.Single().Code));
    }

    [Fact]
    public async Task The_customer_page_has_the_profile_organizations_members_quota_and_activity()
    {
        var word = CustomerBuilders.UniqueWord("Wt");
        var customer = await portal.NamedCustomerAsync(Builders.UniqueEmail(), "Irina", word, "Volna");
        var shared = await portal.OrganizationWithMemberAsync(word + " Team", customer.Id);
        var admin = await portal.AdminAsync();

        var details = (await Directory.GetCustomerAsync(admin.Id, customer.Id)).Value;

        Assert.Equal((customer.Email, "Irina", word, "Volna", false), (details.Profile.Email, details.Profile.FirstName, details.Profile.LastName, details.Profile.Company, details.Profile.IsAdmin));
        Assert.Equal(2, details.Organizations.Count);
        var personal = details.Organizations[0];
        Assert.True(personal.IsPersonal);
        Assert.Equal(OrganizationRole.Owner, personal.Role);
        Assert.NotNull(personal.Quota);
        Assert.Equal(customer.Id, personal.Members.Single().UserId);
        var team = details.Organizations.Single(o => o.Id == shared);
        Assert.Equal((word + " Team", OrganizationRole.Member, 2), (team.Name, team.Role, team.MemberCount));
        Assert.Contains(team.Members, m => m.UserId == customer.Id);
        Assert.Contains(details.Activity, a => a.Kind == Domain.Activity.ActivityKind.ProfileEdited);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        var admin = await portal.AdminAsync();

        var result = await Directory.GetCustomerAsync(admin.Id, Guid.NewGuid());

        Assert.Equal(Error.NotFound("customer"), result.Errors.Single());
    }
}
