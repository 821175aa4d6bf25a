using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Identity;

public sealed class AccountRegistrationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Sign_up_creates_a_personal_organization_owned_by_the_user_on_the_free_plan()
    {
        var user = await portal.RegisteredUserAsync(language: "ru");

        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var membership = await db.Memberships.Include(m => m.Organization).SingleAsync(m => m.UserId == user.Id);
        Assert.Equal(OrganizationRole.Owner, membership.Role);
        Assert.True(membership.Organization!.IsPersonal);
        var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == membership.OrganizationId);
        Assert.Equal(Plan.FreeCode, subscription.PlanCode);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(portal.Clock.GetUtcNow(), subscription.CurrentPeriodStart);
        Assert.Equal("ru", user.PreferredLanguage);
        Assert.False(user.EmailConfirmed);
    }

    [Fact]
    public async Task A_taken_email_is_refused_and_nothing_is_created_twice()
    {
        var email = Builders.UniqueEmail();
        await portal.RegisteredUserAsync(email);

        var second = await RegisterAsync(email.ToUpperInvariant(), Builders.StrongPassword);

        var error = Assert.Single(second.Errors);
        Assert.Equal("identity.DuplicateEmail", error.Code);
        Assert.Equal("Email", error.Field);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var normalized = email.ToUpperInvariant();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized));
    }

    [Theory]
    [InlineData("short", "identity.PasswordTooShort")]
    [InlineData("aaaaaaaaaaaa", "identity.PasswordRequiresUniqueChars")]
    public async Task A_weak_password_is_refused_with_the_reason_on_the_password_field(string password, string code)
    {
        var email = Builders.UniqueEmail();

        var result = await RegisterAsync(email, password);

        Assert.Contains(result.Errors, e => e.Code == code && e.Field == "Password");
        Assert.Null(await portal.FindUserAsync(email));
    }

    [Fact]
    public async Task A_malformed_email_is_refused()
    {
        var result = await RegisterAsync("not an email", Builders.StrongPassword);

        Assert.Contains(result.Errors, e => e.Code == "identity.InvalidEmail" && e.Field == "Email");
    }

    [Fact]
    public async Task Ensuring_the_personal_organization_again_creates_nothing_new()
    {
        var user = await portal.RegisteredUserAsync();
        var provisioning = portal.Get<OrganizationProvisioning>();

        var first = await provisioning.EnsurePersonalOrganizationAsync(user.Id);
        var second = await provisioning.EnsurePersonalOrganizationAsync(user.Id);

        Assert.Equal(first, second);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.Memberships.CountAsync(m => m.UserId == user.Id));
        Assert.Equal(1, await db.Subscriptions.CountAsync(s => s.OrganizationId == first));
    }

    [Fact]
    public async Task A_user_sees_only_the_organizations_they_belong_to()
    {
        var anna = await portal.RegisteredUserAsync();
        var ben = await portal.RegisteredUserAsync();
        var access = portal.Get<OrganizationAccess>();
        var bensOrganization = (await access.GetMembershipsAsync(ben.Id)).Single().OrganizationId;

        var annas = await access.GetMembershipsAsync(anna.Id);
        var annaOnBens = await access.RequireMemberAsync(anna.Id, bensOrganization);

        Assert.DoesNotContain(annas, m => m.OrganizationId == bensOrganization);
        Assert.Equal("access.forbidden", Assert.Single(annaOnBens.Errors).Code);
    }

    private Task<Result<ApplicationUser>> RegisterAsync(string email, string password) =>
        portal.InScopeAsync(services => services.GetRequiredService<AccountRegistration>().RegisterAsync(email, password, "en"));
}
