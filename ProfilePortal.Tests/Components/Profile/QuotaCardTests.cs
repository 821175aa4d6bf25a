using Bunit;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class QuotaCardTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    private static readonly DateTimeOffset PeriodStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ResetsAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    // The thresholds are the quota service's (≤ 5 left, or under 20 % of the limit); the card only shows the level.
    public static TheoryData<int, int, QuotaLevel> Boundaries => new()
    {
        { 50, 40, QuotaLevel.Ok },        // 10 left: exactly 20 %, not under it, and more than 5
        { 50, 41, QuotaLevel.Low },       // 9 left: under 20 %
        { 100, 80, QuotaLevel.Ok },       // 20 left: exactly 20 %
        { 100, 81, QuotaLevel.Low },      // 19 left
        { 10, 4, QuotaLevel.Ok },         // 6 left: above the count of 5 and 60 %
        { 10, 5, QuotaLevel.Low },        // 5 left: at the count
        { 50, 49, QuotaLevel.Low },       // 1 left
        { 50, 50, QuotaLevel.Exhausted }, // none left
        { 50, 53, QuotaLevel.Exhausted }, // over-used (launches recorded after the limit)
        { 0, 0, QuotaLevel.Exhausted },   // no allowance at all
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void The_card_shows_the_level_at_the_thresholds_with_warning_and_buy_only_when_it_is_not_ok(int limit, int used, QuotaLevel expected)
    {
        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, Snapshot(limit, used)).Add(c => c.BuyAction, BuyButton));

        Assert.Equal(expected.ToString().ToLowerInvariant(), cut.Find("[data-testid=quota-card]").GetAttribute("data-quota-level"));
        Assert.Equal(expected == QuotaLevel.Low, cut.FindAll("[data-testid=quota-warning]").Count == 1);
        Assert.Equal(expected == QuotaLevel.Exhausted, cut.FindAll("[data-testid=quota-exhausted]").Count == 1);
        Assert.Equal(expected != QuotaLevel.Ok, cut.FindAll("[data-testid=quota-buy]").Count == 1);
        Assert.Equal(Text(limit), cut.Find("[data-testid=quota-limit]").TextContent.Trim());
        Assert.Equal(Text(used), cut.Find("[data-testid=quota-used]").TextContent.Trim());
        Assert.Equal(Text(Math.Max(0, limit - used)), cut.Find("[data-testid=quota-available]").TextContent.Trim());
    }

    // The bar is MudProgressLinear's markup without the component (issue 10): the same role, values and offset.
    [Theory]
    [InlineData(50, 12, "24", "true", "translateX(-76%)", "success")]
    [InlineData(50, 41, "82", "true", "translateX(-18%)", "warning")]
    [InlineData(50, 53, "100", "false", "translateX(-0%)", "error")]
    public void The_bar_is_a_labelled_progressbar_with_the_used_share(int limit, int used, string now, string busy, string offset, string color)
    {
        var quota = Snapshot(limit, used);
        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, quota));

        var bar = cut.Find("[data-testid=quota-progress]");
        Assert.Equal("progressbar", bar.GetAttribute("role"));
        Assert.Equal(now, bar.GetAttribute("aria-valuenow"));
        Assert.Equal(busy, bar.GetAttribute("aria-busy"));
        Assert.Equal("Launches used in this period", bar.GetAttribute("aria-label"));
        Assert.Equal($"{quota.Used} of {quota.Limit} used", bar.GetAttribute("aria-valuetext"));
        Assert.Contains($"mud-progress-linear-color-{color}", bar.ClassName, StringComparison.Ordinal);
        Assert.Equal($"transform: {offset};", bar.QuerySelector(".mud-progress-linear-bar")?.GetAttribute("style"));
    }

    [Fact]
    public void Resets_at_is_shown_in_the_users_time_zone()
    {
        var cut = Render<QuotaCard>(p => p
            .Add(c => c.Quota, Snapshot(50, 10))
            .Add(c => c.TimeZone, "Europe/Moscow"));

        var time = cut.Find("[data-testid=quota-resets-at] time");
        Assert.Equal("2026-12-01T03:00:00+03:00", time.GetAttribute("datetime"));
        Assert.Equal("12/1/2026 3:00 AM", DisplayText.Spaced(time.TextContent));
        Assert.Contains("Europe/Moscow", cut.Find("[data-testid=quota-resets-at]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_time_zone_means_utc()
    {
        UseCulture("ru");

        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, Snapshot(50, 10)));

        Assert.Equal("01.12.2026 00:00", cut.Find("[data-testid=quota-resets-at] time").TextContent.Trim());
        Assert.Contains("UTC", cut.Find("[data-testid=quota-resets-at]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exhausted_state_is_distinct_and_says_when_launches_return()
    {
        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, Snapshot(50, 50)).Add(c => c.TimeZone, "UTC"));

        var alert = cut.Find("[data-testid=quota-exhausted]");
        Assert.Contains("used up", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("12/1/2026", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 of 50 available", cut.Find("[data-testid=quota-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_buy_cta_the_warning_stays()
    {
        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, Snapshot(50, 46)).Add(c => c.ShowBuy, false).Add(c => c.BuyAction, BuyButton));

        Assert.NotNull(cut.Find("[data-testid=quota-warning]"));
        Assert.Empty(cut.FindAll("[data-testid=quota-buy]"));
    }

    [Fact]
    public void The_warning_is_counted_once_per_snapshot()
    {
        using var warnings = new MetricCollector<long>(Portal.Get<System.Diagnostics.Metrics.IMeterFactory>(), ProfileMetrics.MeterName, "profile_quota_warning_shown");
        var snapshot = Snapshot(50, 46);
        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, snapshot));

        cut.Render(p => p.Add(c => c.Quota, snapshot));

        var shown = Assert.Single(warnings.GetMeasurementSnapshot());
        Assert.Equal("low", shown.Tags["level"]);
    }

    [Fact]
    public void An_ok_quota_counts_no_warning()
    {
        using var warnings = new MetricCollector<long>(Portal.Get<System.Diagnostics.Metrics.IMeterFactory>(), ProfileMetrics.MeterName, "profile_quota_warning_shown");

        Render<QuotaCard>(p => p.Add(c => c.Quota, Snapshot(50, 12)));

        Assert.Empty(warnings.GetMeasurementSnapshot());
    }

    private const string BuyButton = "<button data-testid=\"quota-buy\">Buy</button>";

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static QuotaSnapshot Snapshot(int limit, int used) =>
        new(limit, 0, 0, used, PeriodStart, ResetsAt, QuotaSnapshot.LevelFor(limit, used, new QuotaOptions()));
}
