using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Infrastructure.Features;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Features;

public sealed class FeatureFlagServices : PortalServices
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["FeatureManagement:ProfilePage"] = "true",
        ["FeatureManagement:PaymentsUi"] = "true",
        ["FeatureManagement:Trials"] = "false",
        ["ENABLE_PROFILE_PAYMENTS_UI"] = "false",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<TestUserId>();
        services.AddPortalFeatures<TestUser>();
    }
}

/// <summary>The user of the test's current scope.</summary>
public sealed class TestUserId
{
    public string? Value { get; set; }
}

/// <summary>Targets the user of the current scope, as the circuit's accessor does in the app.</summary>
public sealed class TestUser(TestUserId id) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync() => ValueTask.FromResult(new TargetingContext { UserId = id.Value });
}

public sealed class FeatureFlagTests(FeatureFlagServices portal) : IClassFixture<FeatureFlagServices>
{
    [Fact]
    public async Task A_flag_without_an_override_follows_configuration()
    {
        await portal.Get<FeatureSettings>().ClearOverrideAsync(FeatureNames.ProfilePage);

        Assert.True(await IsEnabledAsync(FeatureNames.ProfilePage, "anyone"));
    }

    [Fact]
    public async Task The_source_documents_environment_name_overrides_the_configured_default()
    {
        Assert.False(await IsEnabledAsync(FeatureNames.PaymentsUi, "anyone"));
    }

    [Fact]
    public async Task An_admins_override_takes_effect_at_once_and_clearing_it_restores_the_default()
    {
        var settings = portal.Get<FeatureSettings>();

        var result = await settings.SetOverrideAsync(FeatureNames.ProfilePage, enabled: false, rolloutPercentage: null, "admin@example.com");
        Assert.True(result.Succeeded);
        Assert.False(await IsEnabledAsync(FeatureNames.ProfilePage, "anyone"));

        await settings.ClearOverrideAsync(FeatureNames.ProfilePage);
        Assert.True(await IsEnabledAsync(FeatureNames.ProfilePage, "anyone"));
    }

    [Fact]
    public async Task A_rollout_percentage_gives_a_sticky_share_of_users_that_only_grows_when_raised()
    {
        var settings = portal.Get<FeatureSettings>();
        var users = Enumerable.Range(0, 1000).Select(i => $"user-{i}").ToList();

        await settings.SetOverrideAsync(FeatureNames.Trials, enabled: true, rolloutPercentage: 20, "admin@example.com");
        var atTwenty = await EnabledUsersAsync(users);
        var atTwentyAgain = await EnabledUsersAsync(users);
        await settings.SetOverrideAsync(FeatureNames.Trials, enabled: true, rolloutPercentage: 50, "admin@example.com");
        var atFifty = await EnabledUsersAsync(users);

        Assert.Equal(atTwenty, atTwentyAgain);
        Assert.InRange(atTwenty.Count, 150, 250);
        Assert.InRange(atFifty.Count, 420, 580);
        Assert.Subset(atFifty, atTwenty);
        await settings.ClearOverrideAsync(FeatureNames.Trials);
    }

    [Fact]
    public async Task The_domain_gate_puts_each_user_in_the_same_bucket_as_the_pages_do()
    {
        var settings = portal.Get<FeatureSettings>();
        var gate = portal.Get<IFeatureGate>();
        var users = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        await settings.SetOverrideAsync(FeatureNames.Trials, enabled: true, rolloutPercentage: 50, "admin@example.com");
        try
        {
            var pages = await EnabledUsersAsync(users.Select(u => u.ToString()));
            var domain = new HashSet<string>();
            foreach (var user in users)
            {
                if (await gate.IsEnabledForAsync(FeatureNames.Trials, user))
                {
                    domain.Add(user.ToString());
                }
            }

            Assert.InRange(pages.Count, 100, 200);
            Assert.Equal(pages.Order(), domain.Order());
            Assert.True(await gate.IsEnabledForAsync(FeatureNames.ProfilePage, users[0]));
            Assert.False(await gate.IsEnabledForAsync(FeatureNames.PaymentsUi, users[0]));
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.Trials);
        }
    }

    [Fact]
    public async Task Every_change_is_kept_in_the_flags_history_and_the_audit_trail_with_who_and_why()
    {
        var settings = portal.Get<FeatureSettings>();
        var admin = new FeatureActor(Guid.NewGuid(), "admin@example.com");

        await settings.SetOverrideAsync(FeatureNames.NewPricing, new FeatureState(true, 30), admin, "  Pricing test for a third  ");
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await settings.ClearOverrideAsync(FeatureNames.NewPricing, admin, "Back to the default");

        var history = await settings.GetHistoryAsync(FeatureNames.NewPricing);
        Assert.Equal(2, history.Count);
        var (cleared, set) = (history[0], history[1]);
        Assert.Equal(
            (FeatureState.Off, true, new FeatureState(true, 30), false, "Pricing test for a third"),
            (set.From, set.FromConfiguration, set.To, set.ToConfiguration, set.Reason));
        Assert.Equal((new FeatureState(true, 30), false, FeatureState.Off, true), (cleared.From, cleared.FromConfiguration, cleared.To, cleared.ToConfiguration));
        Assert.Equal((admin.UserId, "admin@example.com", portal.Clock.GetUtcNow()), (cleared.ActorUserId, cleared.Actor, cleared.ChangedAt));

        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == FeatureSettings.ChangedAction && a.TargetId == FeatureNames.NewPricing)
            .OrderBy(a => a.OccurredAt)
            .ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal((admin.UserId, "feature"), (a.ActorUserId, a.TargetType)));
        Assert.Equal(
            """{"Enabled":{"from":"false","to":"true"},"RolloutPercentage":{"from":null,"to":"30"},"Source":{"from":"configuration","to":"override"},"Reason":{"from":null,"to":"Pricing test for a third"}}""",
            audit[0].Changes);
    }

    [Fact]
    public async Task A_flag_without_an_override_reports_its_configured_state()
    {
        var settings = portal.Get<FeatureSettings>();
        await settings.ClearOverrideAsync(FeatureNames.ProfilePage);

        var state = await settings.GetStateAsync(FeatureNames.ProfilePage);

        Assert.Equal((FeatureState.On, false, 100), (state.State, state.IsOverride, state.State.Percentage));
        Assert.Equal(FeatureState.Off, (await settings.GetStateAsync(FeatureNames.PaymentsUi)).State);
    }

    [Theory]
    [InlineData("NoSuchFeature", 10, "featureName")]
    [InlineData(FeatureNames.Trials, 101, "rolloutPercentage")]
    [InlineData(FeatureNames.Trials, -1, "rolloutPercentage")]
    public async Task An_unknown_flag_or_an_impossible_percentage_is_refused(string feature, int percentage, string field)
    {
        var result = await portal.Get<FeatureSettings>().SetOverrideAsync(feature, enabled: true, percentage, "admin@example.com");

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    private async Task<HashSet<string>> EnabledUsersAsync(IEnumerable<string> users)
    {
        var enabled = new HashSet<string>();
        foreach (var user in users)
        {
            if (await IsEnabledAsync(FeatureNames.Trials, user))
            {
                enabled.Add(user);
            }
        }

        return enabled;
    }

    private Task<bool> IsEnabledAsync(string feature, string userId) =>
        portal.InScopeAsync(async services =>
        {
            services.GetRequiredService<TestUserId>().Value = userId;
            return await services.GetRequiredService<IFeatureManager>().IsEnabledAsync(feature);
        });
}
