using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Features;

/// <summary>The flags page's service: every flag listed, changes with a reason, admins only, every change in history and audit.</summary>
public sealed class FeatureFlagAdminTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private FeatureFlagAdmin Flags => portal.Get<FeatureFlagAdmin>();

    [Fact]
    public async Task A_customer_calling_the_service_directly_is_refused_and_nothing_changes()
    {
        var customer = await portal.ConfirmedUserAsync();
        var before = await portal.Get<FeatureSettings>().GetStateAsync(FeatureNames.Maintenance);

        var refused = new Result[]
        {
            await Flags.GetFlagsAsync(customer.Id),
            await Flags.GetHistoryAsync(customer.Id),
            await Flags.ChangeAsync(customer.Id, FeatureNames.Maintenance, new FeatureFlagChange(FeatureFlagAction.On), "Because"),
            await Flags.ChangeAsync(Guid.NewGuid(), FeatureNames.Maintenance, new FeatureFlagChange(FeatureFlagAction.On), "Because"),
        };

        Assert.All(refused, r => Assert.Equal(Error.Forbidden(), Assert.Single(r.Errors)));
        Assert.Equal(before, await portal.Get<FeatureSettings>().GetStateAsync(FeatureNames.Maintenance));
        Assert.Empty(await portal.AuditOfAsync("feature", FeatureNames.Maintenance));
    }

    [Fact]
    public async Task Every_flag_is_listed_with_its_default_override_and_state_in_force()
    {
        var admin = await portal.AdminAsync();
        await Flags.ChangeAsync(admin.Id, FeatureNames.NewPricing, new FeatureFlagChange(FeatureFlagAction.Off), "Pricing bug");

        var flags = (await Flags.GetFlagsAsync(admin.Id)).Value;

        Assert.Equal(FeatureNames.All, flags.Select(f => f.Name));
        var pricing = flags.Single(f => f.Name == FeatureNames.NewPricing);
        Assert.Equal((FeatureState.Off, FeatureState.Off, admin.Email), (pricing.Override, pricing.Effective, pricing.OverriddenBy));
        var trials = flags.Single(f => f.Name == FeatureNames.Trials);
        Assert.True(trials.ManagedElsewhere);
        Assert.Equal(FeatureState.On, trials.Default);
    }

    [Fact]
    public async Task A_percentage_with_a_reason_is_in_force_in_the_history_and_in_the_audit_trail()
    {
        var admin = await portal.AdminAsync();

        var result = await Flags.ChangeAsync(admin.Id, FeatureNames.WinBack, new FeatureFlagChange(FeatureFlagAction.Percentage, 30), "  Try on a third ");

        Assert.True(result.Succeeded);
        Assert.Equal(new FeatureState(true, 30), (await portal.Get<FeatureSettings>().GetStateAsync(FeatureNames.WinBack)).State);
        var latest = (await Flags.GetHistoryAsync(admin.Id)).Value[0];
        Assert.Equal(
            (FeatureNames.WinBack, (Guid?)admin.Id, admin.Email, new FeatureState(true, 30), false, "Try on a third", portal.Clock.GetUtcNow()),
            (latest.FeatureName, latest.ActorUserId, latest.Actor, latest.To, latest.ToConfiguration, latest.Reason, latest.ChangedAt));
        Assert.Contains((FeatureSettings.ChangedAction, (Guid?)admin.Id), await portal.AuditOfAsync("feature", FeatureNames.WinBack));
    }

    [Fact]
    public async Task Clearing_the_override_brings_back_the_default_and_is_recorded_as_such()
    {
        var admin = await portal.AdminAsync();
        await Flags.ChangeAsync(admin.Id, FeatureNames.PaymentsCta, new FeatureFlagChange(FeatureFlagAction.Off), "Hide the button");
        // The history is newest first; two changes in the same instant would have no order.
        portal.Clock.Advance(TimeSpan.FromSeconds(1));

        var cleared = await Flags.ChangeAsync(admin.Id, FeatureNames.PaymentsCta, new FeatureFlagChange(FeatureFlagAction.ClearOverride), "Back to normal");
        var again = await Flags.ChangeAsync(admin.Id, FeatureNames.PaymentsCta, new FeatureFlagChange(FeatureFlagAction.ClearOverride), "Again");

        Assert.True(cleared.Succeeded);
        Assert.Equal(FeatureFlagErrors.Unchanged, Assert.Single(again.Errors));
        var flag = (await Flags.GetFlagsAsync(admin.Id)).Value.Single(f => f.Name == FeatureNames.PaymentsCta);
        Assert.Null(flag.Override);
        var latest = (await Flags.GetHistoryAsync(admin.Id)).Value.First(c => c.FeatureName == FeatureNames.PaymentsCta);
        Assert.Equal((true, "Back to normal"), (latest.ToConfiguration, latest.Reason));
    }

    [Theory]
    [InlineData(FeatureNames.SimpleCancellation, FeatureFlagAction.On, null, "", "flags.reason_required")]
    [InlineData(FeatureNames.SimpleCancellation, FeatureFlagAction.Percentage, 101, "Why", "flags.percentage_invalid")]
    [InlineData(FeatureNames.SimpleCancellation, FeatureFlagAction.Percentage, null, "Why", "flags.percentage_invalid")]
    [InlineData(FeatureNames.Trials, FeatureFlagAction.Off, null, "Why", "flags.managed_elsewhere")]
    [InlineData("NoSuchFlag", FeatureFlagAction.Off, null, "Why", "flags.unknown")]
    public async Task An_invalid_change_is_refused_and_stores_nothing(string flag, FeatureFlagAction action, int? percentage, string reason, string code)
    {
        var admin = await portal.AdminAsync();
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var changes = await db.FeatureChanges.CountAsync();

        var result = await Flags.ChangeAsync(admin.Id, flag, new FeatureFlagChange(action, percentage), reason);

        Assert.Equal(code, Assert.Single(result.Errors).Code);
        Assert.Equal(changes, await db.FeatureChanges.CountAsync());
    }

    [Fact]
    public async Task A_reason_longer_than_500_characters_is_refused()
    {
        var admin = await portal.AdminAsync();

        var result = await Flags.ChangeAsync(admin.Id, FeatureNames.SimpleCancellation, new FeatureFlagChange(FeatureFlagAction.On), new string('x', 501));

        Assert.Equal(FeatureFlagErrors.ReasonTooLong, Assert.Single(result.Errors));
    }
}
