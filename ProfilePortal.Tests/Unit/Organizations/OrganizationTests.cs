using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Tests.Unit.Organizations;

public sealed class OrganizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_personal_organization_has_its_creator_as_the_only_owner()
    {
        var ownerId = Guid.NewGuid();

        var organization = Organization.CreatePersonal(ownerId, "  Anna Smirnova ", Now);

        Assert.True(organization.IsPersonal);
        Assert.Equal("Anna Smirnova", organization.Name);
        Assert.Equal(Now, organization.CreatedAt);
        var member = Assert.Single(organization.Members);
        Assert.Equal(ownerId, member.UserId);
        Assert.Equal(OrganizationRole.Owner, member.Role);
        Assert.Equal(organization.Id, member.OrganizationId);
    }

    [Fact]
    public void A_personal_organization_without_a_name_gets_a_default_and_long_names_are_cut()
    {
        Assert.Equal("Personal", Organization.CreatePersonal(Guid.NewGuid(), " ", Now).Name);
        Assert.Equal(
            Organization.NameMaxLength,
            Organization.CreatePersonal(Guid.NewGuid(), new string('x', 500), Now).Name.Length);
    }
}
