using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Profile;

/// <summary>
/// The portal's bUnit setup with the real domain services (profile, quota, catalogue, metrics) over a real
/// SQLite database, reached through bUnit's fallback provider. Each test makes its own user.
/// </summary>
public abstract class ProfileComponentTestContext : PortalComponentTestContext
{
    protected ProfileComponentTestContext(ProfileUiServices portal)
    {
        Portal = portal;
        Portal.Outage.IsDown = false;
        Services.AddFallbackServiceProvider(portal.Services);
    }

    protected ProfileUiServices Portal { get; }

    protected ProfileService Profiles => Portal.Get<ProfileService>();

    /// <summary>A new customer with their personal organization on the Free plan, signed in for the components.</summary>
    protected async Task<ApplicationUser> SignedInCustomerAsync(string language = "en")
    {
        var user = await Portal.RegisteredUserAsync(language: language);
        SignIn(user.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.Email!));
        return user;
    }

    protected async Task<ProfileView> ProfileOfAsync(Guid userId) => (await Profiles.GetAsync(userId)).Value;

    /// <summary>Plays the ML platform: <paramref name="count"/> training runs, one a minute, the newest a minute ago.</summary>
    protected async Task AddTrainingRunsAsync(Guid userId, int count, string title = "resnet50-finetune")
    {
        var profile = await ProfileOfAsync(userId);
        var now = Portal.Clock.GetUtcNow();
        await using var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        for (var i = 1; i <= count; i++)
        {
            db.UsageEvents.Add(UsageEvent.Record(profile.OrganizationId!.Value, userId, UsageEventKind.TrainingRun, $"{title} #{i}", 1, now.AddMinutes(i - count - 1)));
        }

        await db.SaveChangesAsync();
        await Portal.Get<QuotaService>().InvalidateAsync(profile.OrganizationId!.Value);
    }

    /// <summary>Stores a time zone the rules no longer accept, as data from before a whitelist would be.</summary>
    protected async Task StoreTimeZoneAsync(Guid userId, string zone)
    {
        await using var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone));
    }
}
