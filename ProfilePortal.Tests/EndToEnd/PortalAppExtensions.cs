using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.EndToEnd;

internal static class PortalAppExtensions
{
    public static async Task<ApplicationUser?> FindUserAsync(this PortalApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    /// <summary>A signed-up user whose email is confirmed, made through the app's own services.</summary>
    public static async Task<string> ConfirmedUserAsync(this PortalApp app, string password, string prefix = "user")
    {
        var email = Builders.UniqueEmail(prefix);
        await using var scope = app.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<AccountRegistration>().RegisterAsync(email, password, "en");
        Assert.True(registered.Succeeded);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var token = await users.GenerateEmailConfirmationTokenAsync(registered.Value);
        Assert.True((await users.ConfirmEmailAsync(registered.Value, token)).Succeeded);
        return email;
    }
}
