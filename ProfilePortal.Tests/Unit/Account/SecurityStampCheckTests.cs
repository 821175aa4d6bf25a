using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Components.Account;

namespace ProfilePortal.Tests.Unit.Account;

/// <summary>
/// The security stamp check asks for Identity's validator (and with it the sign-in manager, the user manager and a
/// database context) only when the check is due, by the validator's own rule.
/// </summary>
public sealed class SecurityStampCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void A_ticket_is_due_once_it_is_older_than_the_interval(int minutesOld, bool due) =>
        Assert.Equal(due, SecurityStampCheck.IsDue(Now.AddMinutes(-minutesOld), Now, TimeSpan.FromMinutes(30)));

    [Fact]
    public void A_ticket_without_an_issue_time_is_always_due() =>
        Assert.True(SecurityStampCheck.IsDue(null, Now, TimeSpan.FromMinutes(30)));

    [Theory]
    [InlineData(10, 0)]
    [InlineData(45, 1)]
    public async Task The_validator_is_only_asked_when_the_check_is_due(int minutesOld, int validations)
    {
        var validator = new CountingValidator();
        var context = ContextFor(Now.AddMinutes(-minutesOld), validator);

        await SecurityStampCheck.ValidateWhenDueAsync(context);

        Assert.Equal(validations, validator.Validations);
    }

    private static CookieValidatePrincipalContext ContextFor(DateTimeOffset issued, CountingValidator validator)
    {
        var services = new ServiceCollection()
            .Configure<SecurityStampValidatorOptions>(options =>
            {
                options.ValidationInterval = TimeSpan.FromMinutes(30);
                options.TimeProvider = new FakeTimeProvider(Now);
            })
            .AddSingleton<ISecurityStampValidator>(validator)
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "anna@profileportal.local")], "test")),
            new AuthenticationProperties { IssuedUtc = issued },
            IdentityConstants.ApplicationScheme);
        return new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket);
    }

    private sealed class CountingValidator : ISecurityStampValidator
    {
        public int Validations { get; private set; }

        public Task ValidateAsync(CookieValidatePrincipalContext context)
        {
            Validations++;
            return Task.CompletedTask;
        }
    }
}
