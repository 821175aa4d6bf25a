using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Infrastructure.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Fraud;

/// <summary>Antifraud with thresholds from configuration (2 trials per address, 2 accounts per card), and the review queue's pages.</summary>
public sealed class FraudQueueTests(FraudQueueTests.StrictAntifraud portal) : IClassFixture<FraudQueueTests.StrictAntifraud>
{
    private FraudReviewService Review => portal.Get<FraudReviewService>();

    [Fact]
    public async Task The_configured_thresholds_decide_when_a_signal_is_raised()
    {
        var ip = FraudScenario.NewIp();
        var card = FraudScenario.NewCardNumber();
        await StartAsync(ip, card);
        await StartAsync(ip, card);
        Assert.Empty(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
        Assert.Empty(await portal.SignalsAsync(FraudSignalKind.SharedCard, portal.Card(card).Fingerprint!));

        await StartAsync(ip, card);

        Assert.Equal(3, Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip)).Accounts.Count);
        Assert.Equal(3, Assert.Single(await portal.SignalsAsync(FraudSignalKind.SharedCard, portal.Card(card).Fingerprint!)).Accounts.Count);
    }

    [Fact]
    public async Task The_queue_lists_open_signals_first_then_the_most_recently_active_page_by_page()
    {
        var admin = await portal.AdminAsync();
        var dismissed = await RaiseIpSignalAsync();
        Assert.True((await Review.DismissAsync(admin.Id, dismissed, "Office")).Succeeded);
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        var older = await RaiseIpSignalAsync();
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await RaiseIpSignalAsync();
        Assert.True((await Review.BlockAsync(admin.Id, newer, new FraudBlockRequest(true, [], null))).Succeeded);
        var latest = await RaiseIpSignalAsync();

        var all = new List<FraudSignalView>();
        var first = (await Review.GetSignalsAsync(admin.Id, 0, 3)).Value;
        all.AddRange(first.Items);
        for (var page = 1; all.Count < first.Total; page++)
        {
            all.AddRange((await Review.GetSignalsAsync(admin.Id, page, 3)).Value.Items);
        }

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(all.Count, all.Select(s => s.Id).Distinct().Count());
        var open = all.TakeWhile(s => s.Status == FraudSignalStatus.Open).ToList();
        Assert.All(all.Skip(open.Count), s => Assert.NotEqual(FraudSignalStatus.Open, s.Status));
        var ours = all.Where(s => new[] { dismissed, older, newer, latest }.Contains(s.Id)).Select(s => s.Id).ToList();
        Assert.Equal([latest, older, newer, dismissed], ours);

        var shown = all.Single(s => s.Id == dismissed);
        Assert.Equal((3, admin.Email, "Office"), (shown.Count, shown.ReviewedBy, shown.Note));
        Assert.Equal(shown.Accounts.Max(a => a.StartedAt), shown.LastSeenAt);
        Assert.True(all.Single(s => s.Id == newer).KeyBlocked);
        Assert.False(shown.KeyBlocked);
    }

    [Fact]
    public async Task A_shared_card_signal_shows_the_card_and_the_blocks_list_shows_what_was_blocked_by_whom()
    {
        var admin = await portal.AdminAsync();
        var card = FraudScenario.NewCardNumber();
        var customers = new List<Customer>();
        for (var i = 0; i < 3; i++)
        {
            customers.Add(await StartAsync(FraudScenario.NewIp(), card));
            portal.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var signals = (await Review.GetSignalsAsync(admin.Id, 0, FraudReviewService.MaxPageSize)).Value.Items;
        var signal = signals.Single(s => s.Kind == FraudSignalKind.SharedCard && s.Key == portal.Card(card).Fingerprint);
        Assert.Equal($"Visa •••• {card[^4..]}", signal.CardLabel);
        Assert.Equal(customers.Select(c => c.User.Email), signal.Accounts.Select(a => a.Email));

        await Review.BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(true, [customers[0].Id], "Testing stolen cards"));
        var blocks = (await Review.GetBlocksAsync(admin.Id, 0, 10)).Value;
        var relisted = (await Review.GetSignalsAsync(admin.Id, 0, FraudReviewService.MaxPageSize)).Value.Items.Single(s => s.Id == signal.Id);

        var mine = blocks.Items.Where(b => b.Reason == "Testing stolen cards").OrderBy(b => b.Kind).ToList();
        Assert.Equal(
            [(FraudBlockKind.Card, signal.CardLabel, (FraudSignalKind?)FraudSignalKind.SharedCard, admin.Email), (FraudBlockKind.Account, customers[0].User.Email, FraudSignalKind.SharedCard, admin.Email)],
            mine.Select(b => (b.Kind, b.Label, b.SignalKind, b.CreatedBy)));
        Assert.True(relisted.KeyBlocked);
        Assert.Equal([true, false, false], relisted.Accounts.Select(a => a.Blocked));
    }

    [Theory]
    [InlineData(nameof(FraudOptions.MaxTrialsPerIpPerDay))]
    [InlineData(nameof(FraudOptions.MaxAccountsPerCard))]
    public void A_threshold_below_one_stops_the_start_with_the_settings_name(string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Antifraud:{setting}"] = "0" }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(NullLoggerProvider.Instance));
        services.AddSingleton(TimeProvider.System);
        services.AddPortalPayments(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FraudOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private async Task<Customer> StartAsync(string ip, string? card = null)
    {
        var customer = await portal.CustomerAsync();
        await portal.StartTrialAsync(customer, "new_monthly", card ?? FraudScenario.NewCardNumber(), ip);
        return customer;
    }

    private async Task<Guid> RaiseIpSignalAsync()
    {
        var ip = FraudScenario.NewIp();
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(ip);
            portal.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip)).Id;
    }

    /// <summary>A database of its own, with antifraud thresholds of 2.</summary>
    public sealed class StrictAntifraud : PortalServices
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Antifraud:MaxTrialsPerIpPerDay"] = "2",
            ["Antifraud:MaxAccountsPerCard"] = "2",
        };
    }
}
