using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>The unsubscribe link of marketing email: who it opts out, what it refuses, and that every later marketing email honours it.</summary>
public sealed class UnsubscribeTests(WinBackServices portal) : IClassFixture<WinBackServices>
{
    private MarketingPreferences Preferences => portal.Get<MarketingPreferences>();

    [Fact]
    public async Task Unsubscribe_honoured_the_link_of_a_win_back_email_stops_its_second_step_and_any_later_marketing_email()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7));
        await portal.Get<WinBackService>().SendDueAsync();
        var first = Assert.Single(await MessagesToAsync(customer.User.Email!, "win-back"));

        var result = await Preferences.UnsubscribeAsync(TokenOf(first.UnsubscribeUrl!), UnsubscribeChannel.Page);
        // Marketing mail queued later, by any feature, is dropped at delivery as well.
        var later = await portal.QueueAsync(customer.User.Email!, unsubscribeUrl: first.UnsubscribeUrl);
        var receipt = await portal.QueueAsync(customer.User.Email!);
        var transport = new FakeEmailTransport();
        await Dispatcher(transport).DispatchDueAsync(batchSize: 50);
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(30));
        await portal.Get<WinBackService>().SendDueAsync();

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(transport.Sent, m => m.ToAddress == customer.User.Email && m.IsMarketing);
        Assert.Contains(transport.Sent, m => m.Id == receipt.Id);
        Assert.Equal(EmailStatus.Suppressed, (await portal.ReloadAsync(first.Id)).Status);
        Assert.Equal(EmailStatus.Suppressed, (await portal.ReloadAsync(later.Id)).Status);
        Assert.Single(await MessagesToAsync(customer.User.Email!, "win-back"));
        Assert.Equal(WinBackClosure.Unsubscribed, Assert.Single(await portal.WinBacksOfAsync(customer.OrganizationId)).Closure);
        var user = await portal.FindUserAsync(customer.User.Email!);
        Assert.Equal(accessEndsAt + TimeSpan.FromDays(7), user!.MarketingOptOutAt);
        Assert.Single(await AuditOfAsync(customer.Id));
    }

    [Fact]
    public async Task Unsubscribing_twice_succeeds_and_records_one_audit_entry()
    {
        var user = await portal.RegisteredUserAsync();
        var url = Preferences.UnsubscribeUrl(user.Id);

        var once = await Preferences.UnsubscribeAsync(TokenOf(url), UnsubscribeChannel.OneClick);
        var twice = await Preferences.UnsubscribeAsync(TokenOf(url), UnsubscribeChannel.Page);

        Assert.True(once.Succeeded && twice.Succeeded);
        Assert.True(twice.Value.OptedOut);
        Assert.Single(await AuditOfAsync(user.Id));
    }

    [Fact]
    public async Task A_user_who_unsubscribed_before_cancelling_gets_no_win_back()
    {
        var customer = await portal.CustomerAsync();
        await Preferences.UnsubscribeAsync(TokenOf(Preferences.UnsubscribeUrl(customer.Id)), UnsubscribeChannel.Page);
        await portal.StartTrialAsync(customer);

        var cancelled = await portal.Get<ProfilePortal.Domain.Trials.TrialService>().CancelAsync(customer.Id, customer.OrganizationId);

        Assert.True(cancelled.Succeeded);
        Assert.Empty(await portal.WinBacksOfAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Describing_a_link_shows_the_masked_address_and_changes_nothing()
    {
        var user = await portal.RegisteredUserAsync();

        var described = await Preferences.DescribeAsync(TokenOf(Preferences.UnsubscribeUrl(user.Id)));

        Assert.Equal(new UnsubscribeTarget(user.Email![..1] + "•••@example.com", false), described.Value);
        Assert.Null((await portal.FindUserAsync(user.Email!))!.MarketingOptOutAt);
    }

    public static TheoryData<string> BadTokens => new() { "tampered", "other-purpose", "unknown-user", "plain-id", "empty", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_tampered_or_foreign_link_is_refused_and_changes_nothing(string kind)
    {
        var victim = await portal.RegisteredUserAsync();
        var own = TokenOf(Preferences.UnsubscribeUrl(victim.Id));
        var token = kind switch
        {
            "tampered" => own[..20] + (own[20] == 'A' ? 'B' : 'A') + own[21..],
            // A valid signature under another purpose (as another kind of link would have) naming the victim.
            "other-purpose" => portal.Get<IDataProtectionProvider>().CreateProtector("ProfilePortal.Other").Protect(victim.Id.ToString("N")),
            "unknown-user" => TokenOf(Preferences.UnsubscribeUrl(Guid.NewGuid())),
            "plain-id" => victim.Id.ToString("N"),
            "empty" => string.Empty,
            _ => "%%%not-base64%%%",
        };

        var described = await Preferences.DescribeAsync(token);
        var result = await Preferences.UnsubscribeAsync(token, UnsubscribeChannel.OneClick);

        Assert.Equal(UnsubscribeErrors.InvalidLink, Assert.Single(described.Errors));
        Assert.Equal(UnsubscribeErrors.InvalidLink, Assert.Single(result.Errors));
        Assert.Null((await portal.FindUserAsync(victim.Email!))!.MarketingOptOutAt);
        Assert.Empty(await AuditOfAsync(victim.Id));
    }

    internal static string TokenOf(string unsubscribeUrl)
    {
        var query = new Uri(unsubscribeUrl).Query;
        const string key = "?token=";
        Assert.StartsWith(key, query, StringComparison.Ordinal);
        return Uri.UnescapeDataString(query[key.Length..]);
    }

    private EmailDispatcher Dispatcher(FakeEmailTransport transport) =>
        new(portal.Get<IPortalDbContextFactory>(), transport, portal.Clock, portal.Get<EmailMetrics>(), NullLogger<EmailDispatcher>.Instance);

    private async Task<List<EmailMessage>> MessagesToAsync(string address, string kind)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.EmailMessages.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == kind).ToListAsync();
    }

    private async Task<List<string>> AuditOfAsync(Guid userId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetId == userId.ToString() && a.Action == MarketingPreferences.OptedOutAction)
            .Select(a => a.Changes)
            .ToListAsync();
    }
}
