using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>
/// Win-back emails on a real database with the clock under test control: a trial cancel, the two steps, the
/// flag, a comeback and a conversion. Each test has its own customers and reads only their mail.
/// </summary>
public sealed class WinBackSweepTests(WinBackServices portal) : IClassFixture<WinBackServices>
{
    private WinBackService WinBacks => portal.Get<WinBackService>();

    [Fact]
    public async Task Win_back_sent_once_a_trial_cancel_gets_step_1_after_7_days_step_2_after_30_and_nothing_more()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();
        var email = customer.User.Email!;
        var staged = Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId));
        Assert.Equal((WinBackKind.Trial, accessEndsAt, customer.Id), (staged.Kind, staged.AccessEndsAt, staged.UserId));

        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        await WinBacks.SendDueAsync();
        Assert.DoesNotContain("win-back", await portal.EmailKindsToAsync(email));

        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7));
        await WinBacks.SendDueAsync();
        await WinBacks.SendDueAsync();
        Assert.Single(await portal.EmailKindsToAsync(email), k => k == "win-back");

        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(30));
        await Task.WhenAll(WinBacks.SendDueAsync(), WinBacks.SendDueAsync());
        await WinBacks.SendDueAsync();
        portal.Clock.Advance(TimeSpan.FromDays(60));
        await WinBacks.SendDueAsync();

        Assert.Equal(2, (await portal.EmailKindsToAsync(email)).Count(k => k == "win-back"));
        var done = Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId));
        Assert.Equal((accessEndsAt + TimeSpan.FromDays(7), accessEndsAt + TimeSpan.FromDays(30), WinBackClosure.Completed), (done.Step1SentAt, done.Step2SentAt, done.Closure));
        var messages = await WinBackMessagesToAsync(email);
        Assert.All(messages, m => Assert.StartsWith("http://localhost:5080/unsubscribe?token=", m.UnsubscribeUrl, StringComparison.Ordinal));
        Assert.Contains("http://localhost:5080/pricing?from=winback&amp;step=1", messages[0].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/pricing?from=winback&step=2", messages[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_that_comes_late_sends_only_step_2()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();

        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(31));
        await WinBacks.SendDueAsync();
        await WinBacks.SendDueAsync();

        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "win-back");
        var row = Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId));
        Assert.Equal((null, WinBackClosure.Completed), (row.Step1SentAt, row.Closure));
        Assert.Contains("Come back to ProfilePortal", (await WinBackMessagesToAsync(customer.User.Email!))[0].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_while_the_flag_is_off_gets_no_win_back_even_after_it_is_switched_on()
    {
        var settings = portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.WinBack, enabled: false, rolloutPercentage: null, "admin@example.com");
        (Customer Customer, DateTimeOffset AccessEndsAt) cancelled;
        try
        {
            cancelled = await portal.CancelledTrialAsync();
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.WinBack);
        }

        portal.Clock.SetUtcNow(cancelled.AccessEndsAt + TimeSpan.FromDays(31));
        await WinBacks.SendDueAsync();

        Assert.Empty(await portal.WinBacksOfAsync(cancelled.Customer.OrganizationId));
        Assert.DoesNotContain("win-back", await portal.EmailKindsToAsync(cancelled.Customer.User.Email!));
    }

    [Fact]
    public async Task Switching_the_flag_off_meanwhile_stops_the_steps_not_sent_yet()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();
        var settings = portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.WinBack, enabled: false, rolloutPercentage: null, "admin@example.com");
        try
        {
            portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7));
            await WinBacks.SendDueAsync();
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.WinBack);
        }

        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(30));
        await WinBacks.SendDueAsync();

        Assert.DoesNotContain("win-back", await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Equal(WinBackClosure.FlagOff, Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId)).Closure);
    }

    [Fact]
    public async Task An_organization_back_on_a_paid_plan_is_skipped()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        await portal.BuyAsync(customer, "new_monthly");

        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7));
        await WinBacks.SendDueAsync();

        Assert.DoesNotContain("win-back", await portal.EmailKindsToAsync(customer.User.Email!));
        var row = Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId));
        Assert.Equal((WinBackClosure.Resubscribed, (DateTimeOffset?)null), (row.Closure!.Value, row.ConvertedAt));
    }

    [Fact]
    public async Task A_plan_bought_after_step_1_converts_the_win_back_and_step_2_never_goes_out()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7));
        await WinBacks.SendDueAsync();

        portal.Clock.Advance(TimeSpan.FromDays(2));
        await portal.BuyAsync(customer, "new_monthly");
        var boughtAt = portal.Clock.GetUtcNow();
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(30));
        await WinBacks.SendDueAsync();

        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "win-back");
        var row = Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId));
        Assert.Equal((boughtAt, WinBackClosure.Resubscribed), (row.ConvertedAt!.Value, row.Closure!.Value));
    }

    [Fact]
    public async Task Staging_the_same_cancellation_twice_in_one_save_adds_one_win_back()
    {
        var customer = await portal.CustomerAsync();
        var accessEndsAt = portal.Clock.GetUtcNow().AddDays(3);
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            await WinBacks.StageAsync(db, subscription, customer.Id, WinBackKind.Paid, accessEndsAt, CancellationToken.None);
            await WinBacks.StageAsync(db, subscription, customer.Id, WinBackKind.Paid, accessEndsAt, CancellationToken.None);
            await db.SaveChangesAsync();
            await WinBacks.StageAsync(db, subscription, customer.Id, WinBackKind.Paid, accessEndsAt, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var row = Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId));
        Assert.Equal(WinBackKind.Paid, row.Kind);
    }

    private async Task<List<EmailMessage>> WinBackMessagesToAsync(string address)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.EmailMessages.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == "win-back").OrderBy(m => m.CreatedAt).ToListAsync();
    }
}
