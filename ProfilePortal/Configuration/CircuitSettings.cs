using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Configuration;

/// <summary>
/// The <c>Circuits</c> section: what each open tab may cost the server (issue 10, docs/performance.md). Each value is
/// chosen, not left to the framework's default, because at thousands of circuits per node it decides memory.
/// </summary>
public sealed class CircuitSettings
{
    public const string SectionName = "Circuits";

    /// <summary>
    /// Compress the circuit's WebSocket (permessage-deflate). Off: each compressed connection keeps zlib state on
    /// both directions, which costs more server memory per tab than the few kilobytes a render batch saves on the wire.
    /// </summary>
    public bool WebSocketCompression { get; set; }

    /// <summary>How many circuits whose tab lost its connection are kept for a reconnection (framework default 100).</summary>
    [Range(0, 100_000)]
    public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    /// <summary>How long such a circuit is kept (framework default 3 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DisconnectedCircuitRetentionPeriod { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Render batches a tab may leave unacknowledged before the circuit waits for it (framework default 10): a slow
    /// or stalled tab holds at most this many batches in server memory.
    /// </summary>
    [Range(1, 100)]
    public int MaxBufferedUnacknowledgedRenderBatches { get; set; } = 4;
}

/// <summary>Applies <see cref="CircuitSettings"/> to Blazor's <see cref="CircuitOptions"/>.</summary>
internal sealed class CircuitOptionsFromSettings(IOptions<CircuitSettings> settings) : IConfigureOptions<CircuitOptions>
{
    public void Configure(CircuitOptions options)
    {
        var circuits = settings.Value;
        options.DisconnectedCircuitMaxRetained = circuits.DisconnectedCircuitMaxRetained;
        options.DisconnectedCircuitRetentionPeriod = circuits.DisconnectedCircuitRetentionPeriod;
        options.MaxBufferedUnacknowledgedRenderBatches = circuits.MaxBufferedUnacknowledgedRenderBatches;
    }
}
