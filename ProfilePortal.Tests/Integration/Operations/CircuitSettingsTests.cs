using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Configuration;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Operations;

/// <summary>What an open tab may cost the server is chosen in the <c>Circuits</c> section, not left to defaults.</summary>
public sealed class CircuitSettingsTests
{
    [Fact]
    public async Task The_portal_keeps_four_unacknowledged_batches_a_hundred_lost_circuits_for_three_minutes_and_no_compression()
    {
        await using var app = new ProductionPortalApp();

        var circuits = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(4, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(100, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.False(app.Services.GetRequiredService<IOptions<CircuitSettings>>().Value.WebSocketCompression);
    }

    [Fact]
    public async Task An_operator_can_change_each_of_them()
    {
        await using var app = new ProductionPortalApp(new Dictionary<string, string?>
        {
            ["Circuits:MaxBufferedUnacknowledgedRenderBatches"] = "8",
            ["Circuits:DisconnectedCircuitMaxRetained"] = "500",
            ["Circuits:DisconnectedCircuitRetentionPeriod"] = "00:01:00",
            ["Circuits:WebSocketCompression"] = "true",
        });

        var circuits = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal((8, 500, TimeSpan.FromMinutes(1)),
            (circuits.MaxBufferedUnacknowledgedRenderBatches, circuits.DisconnectedCircuitMaxRetained, circuits.DisconnectedCircuitRetentionPeriod));
        Assert.True(app.Services.GetRequiredService<IOptions<CircuitSettings>>().Value.WebSocketCompression);
    }

    [Fact]
    public void A_value_out_of_range_stops_the_start()
    {
        using var app = new ProductionPortalApp(new Dictionary<string, string?> { ["Circuits:MaxBufferedUnacknowledgedRenderBatches"] = "0" });

        var failure = Record.Exception(() => app.Services);

        Assert.Contains("MaxBufferedUnacknowledgedRenderBatches", failure?.ToString(), StringComparison.Ordinal);
    }
}
