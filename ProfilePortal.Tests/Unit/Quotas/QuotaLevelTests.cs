using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Tests.Unit.Quotas;

public sealed class QuotaLevelTests
{
    private static readonly QuotaOptions Defaults = new();

    [Theory]
    [InlineData(50, 40, QuotaLevel.Ok)]         // 10 left: exactly 20 % of 50, not below; more than 5
    [InlineData(50, 41, QuotaLevel.Low)]        // 9 left: 18 %
    [InlineData(500, 400, QuotaLevel.Ok)]       // 100 left: exactly 20 %
    [InlineData(500, 401, QuotaLevel.Low)]      // 99 left: 19.8 %
    [InlineData(1000, 994, QuotaLevel.Low)]     // 6 left: more than 5, but far below 20 %
    [InlineData(10, 4, QuotaLevel.Ok)]          // 6 left of 10: 60 %, more than 5
    [InlineData(10, 5, QuotaLevel.Low)]         // 5 left: at most 5
    [InlineData(10, 9, QuotaLevel.Low)]         // 1 left
    [InlineData(10, 10, QuotaLevel.Exhausted)]  // 0 left
    [InlineData(10, 12, QuotaLevel.Exhausted)]  // over-used (launched before a downgrade): still 0 left
    [InlineData(0, 0, QuotaLevel.Exhausted)]    // no allowance at all
    public void Warning_thresholds_at_their_boundaries(int limit, int used, QuotaLevel expected) =>
        Assert.Equal(expected, QuotaSnapshot.LevelFor(limit, used, Defaults));

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var options = new QuotaOptions { WarnWhenAvailableAtMost = 3, WarnWhenAvailableBelowPercent = 30 };

        Assert.Equal(QuotaLevel.Ok, QuotaSnapshot.LevelFor(10, 6, options));   // 4 left, 40 %
        Assert.Equal(QuotaLevel.Low, QuotaSnapshot.LevelFor(10, 7, options));  // 3 left
        Assert.Equal(QuotaLevel.Low, QuotaSnapshot.LevelFor(100, 71, options)); // 29 %
    }

    [Fact]
    public void A_snapshot_adds_allowance_grants_and_packs_and_never_shows_negative_availability()
    {
        var snapshot = new QuotaSnapshot(50, 10, 20, 90, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(30), QuotaLevel.Exhausted);

        Assert.Equal(80, snapshot.Limit);
        Assert.Equal(0, snapshot.Available);
        Assert.Equal(100, snapshot.PercentUsed);
    }
}
