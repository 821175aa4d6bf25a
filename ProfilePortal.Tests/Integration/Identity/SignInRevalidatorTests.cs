using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ProfilePortal.Components.Account;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Identity;

/// <summary>
/// One loop per server signs out the circuits whose sign-in was revoked elsewhere (ASVS 7.4.2), with no timer in the
/// circuits: the circuits' authentication state providers enrol while signed in and leave when signed out or closed.
/// </summary>
public sealed class SignInRevalidatorTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private readonly FakeLogger<SignInRevalidator> _log = new();

    [Fact]
    public async Task A_changed_password_signs_out_the_users_other_tabs_at_the_next_pass_and_no_one_else()
    {
        var revalidator = Revalidator();
        var anna = await portal.RegisteredUserAsync();
        var boris = await portal.RegisteredUserAsync();
        var annasTabs = new[] { await SignedInTabAsync(revalidator, anna), await SignedInTabAsync(revalidator, anna) };
        var borisTab = await SignedInTabAsync(revalidator, boris);
        Assert.Equal(3, revalidator.Count);

        await portal.ChangedUserAsync(anna.Id, (users, user) =>
            users.ChangePasswordAsync(user, Builders.StrongPassword, "another long passphrase 7"));
        var signedOut = await revalidator.RevalidateAsync();

        Assert.Equal(2, signedOut);
        foreach (var tab in annasTabs)
        {
            Assert.False(await IsSignedInAsync(tab));
        }

        Assert.True(await IsSignedInAsync(borisTab));
        Assert.Equal(1, revalidator.Count);
        Assert.Contains(_log.Collector.GetSnapshot(), entry => entry.Level == LogLevel.Information && entry.Message.Contains("Signed out 2 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tabs_are_checked_every_two_minutes_by_the_servers_clock()
    {
        var revalidator = Revalidator();
        var user = await portal.RegisteredUserAsync();
        var tab = await SignedInTabAsync(revalidator, user);
        await revalidator.StartAsync(CancellationToken.None);
        try
        {
            await portal.ChangedUserAsync(user.Id, (users, stored) => users.UpdateSecurityStampAsync(stored));

            portal.Clock.Advance(SignInRevalidator.Interval - TimeSpan.FromSeconds(1));
            await Task.Delay(200);
            Assert.True(await IsSignedInAsync(tab));

            portal.Clock.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(async () => !await IsSignedInAsync(tab));
            Assert.Equal(0, revalidator.Count);
        }
        finally
        {
            await revalidator.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Closed_and_signed_out_tabs_are_no_longer_checked_and_a_new_sign_in_is()
    {
        var revalidator = Revalidator();
        var user = await portal.RegisteredUserAsync();
        var closed = await SignedInTabAsync(revalidator, user);
        var tab = await SignedInTabAsync(revalidator, user);
        Assert.Equal(2, revalidator.Count);

        closed.Dispose();
        Assert.Equal(1, revalidator.Count);

        tab.SignOut();
        Assert.Equal(0, revalidator.Count);
        Assert.False(await IsSignedInAsync(tab));

        tab.SetAuthenticationState(Task.FromResult(new AuthenticationState(await PrincipalAsync(user))));
        Assert.Equal(1, revalidator.Count);
        Assert.Equal(0, await revalidator.RevalidateAsync());
        Assert.True(await IsSignedInAsync(tab));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_not_checked()
    {
        var revalidator = Revalidator();
        using var tab = new PortalAuthenticationStateProvider(revalidator, Options.Create(new IdentityOptions()));

        tab.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

        Assert.Equal(0, revalidator.Count);
        Assert.Equal(0, await revalidator.RevalidateAsync());
    }

    [Fact]
    public async Task A_tab_that_fails_to_sign_out_does_not_keep_the_others_signed_in()
    {
        var revalidator = Revalidator();
        var user = await portal.RegisteredUserAsync();
        var failing = await SignedInTabAsync(revalidator, user);
        var tab = await SignedInTabAsync(revalidator, user);
        failing.AuthenticationStateChanged += _ => throw new InvalidOperationException("The circuit is closing.");
        await portal.ChangedUserAsync(user.Id, (users, stored) => users.UpdateSecurityStampAsync(stored));

        Assert.Equal(1, await revalidator.RevalidateAsync());

        Assert.False(await IsSignedInAsync(tab));
        Assert.Equal(0, revalidator.Count);
        var warning = Assert.Single(_log.Collector.GetSnapshot(), entry => entry.Level == LogLevel.Warning);
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    [Fact]
    public async Task A_failed_check_is_logged_and_keeps_everyone_signed_in_until_the_next_pass()
    {
        var user = await portal.RegisteredUserAsync();
        var failing = new SignInRevalidator(new SignInRevalidation(new UnreachableDatabase()), portal.Clock, _log);
        var tab = await SignedInTabAsync(failing, user);

        Assert.Equal(0, await failing.RevalidateAsync());

        Assert.True(await IsSignedInAsync(tab));
        Assert.Equal(1, failing.Count);
        var error = Assert.Single(_log.Collector.GetSnapshot(), entry => entry.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    private SignInRevalidator Revalidator() => new(portal.Get<SignInRevalidation>(), portal.Clock, _log);

    private async Task<PortalAuthenticationStateProvider> SignedInTabAsync(SignInRevalidator revalidator, ApplicationUser user)
    {
        var tab = new PortalAuthenticationStateProvider(revalidator, Options.Create(new IdentityOptions()));
        // As the framework does when a circuit starts: the state of the request that opened it.
        tab.SetAuthenticationState(Task.FromResult(new AuthenticationState(await PrincipalAsync(user))));
        return tab;
    }

    // Identity's own principal factory, so the claims are those of a real sign-in (user id and security stamp).
    private Task<ClaimsPrincipal> PrincipalAsync(ApplicationUser user) =>
        portal.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var current = await users.FindByIdAsync(user.Id.ToString());
            return await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(current!);
        });

    private static async Task<bool> IsSignedInAsync(AuthenticationStateProvider tab) =>
        (await tab.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 seconds.");
            await Task.Delay(20);
        }
    }

    private sealed class UnreachableDatabase : IPortalDbContextFactory
    {
        public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The database is unreachable.");
    }
}
