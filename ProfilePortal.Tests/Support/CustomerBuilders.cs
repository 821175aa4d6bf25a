using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Tests.Support;

/// <summary>Customers with a name and company, for the admins' customer directory.</summary>
public static class CustomerBuilders
{
    /// <summary>A word of letters only (names refuse digits), unique enough to tell one test's rows from another's.</summary>
    public static string UniqueWord(string start) =>
        start + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>A confirmed customer with <paramref name="email"/>, saved through the profile service as the person would.</summary>
    public static async Task<ApplicationUser> NamedCustomerAsync(this PortalServices portal, string email, string? firstName, string? lastName, string? company)
    {
        var user = await portal.ConfirmedUserAsync(email);
        var profiles = portal.Get<ProfileService>();
        var view = (await profiles.GetAsync(user.Id)).Value;
        var saved = await profiles.UpdateAsync(
            user.Id,
            new ProfileUpdate(firstName, lastName, company, view.Country, view.TimeZone, view.AvatarUrl, view.Phone, view.PreferredLanguage, view.NotifyWhenQuotaLow),
            view.Version);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return user;
    }

    /// <summary>Another organization (its owner is a new user) named <paramref name="name"/> with <paramref name="memberId"/> in it.</summary>
    public static async Task<Guid> OrganizationWithMemberAsync(this PortalServices portal, string name, Guid memberId)
    {
        var owner = await portal.ConfirmedUserAsync();
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var organization = Organization.CreatePersonal(owner.Id, name, portal.Clock.GetUtcNow());
        db.Organizations.Add(organization);
        db.Memberships.Add(Membership.Create(organization.Id, memberId, OrganizationRole.Member, portal.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return organization.Id;
    }
}
