using System.Globalization;
using System.Net.Http.Headers;

namespace ProfilePortal.CircuitLoad;

/// <summary>What the portal says about itself at one moment, from its Prometheus endpoint.</summary>
/// <param name="CircuitsActive">Circuits the server holds (connected or waiting for a reconnection).</param>
/// <param name="CircuitsConnected">Circuits with a live connection.</param>
/// <param name="WorkingSetBytes">The process's working set.</param>
/// <param name="HeapBytes">The managed heap after the last collection, all generations.</param>
/// <param name="CommittedBytes">Memory the GC had committed at the last collection.</param>
/// <param name="CpuSeconds">The process's processor time so far.</param>
/// <param name="FragmentedBytes">Free space inside the heap after the last collection (part of <paramref name="HeapBytes"/>).</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap so far.</param>
/// <param name="GcPauseSeconds">Time the process was paused by collections so far.</param>
public sealed record ServerSnapshot(double CircuitsActive, double CircuitsConnected, double WorkingSetBytes, double HeapBytes, double CommittedBytes,
    double CpuSeconds = 0, double FragmentedBytes = 0, double AllocatedBytes = 0, double GcPauseSeconds = 0);

/// <summary>
/// Reads <c>/metrics</c> with the scrape token: ASP.NET Core's circuit meter
/// (<c>aspnetcore_components_circuit_active</c>, <c>_connected</c>) and the runtime's memory series
/// (<c>dotnet_process_memory_working_set_bytes</c>, <c>dotnet_gc_last_collection_heap_size_bytes</c> per generation,
/// <c>dotnet_gc_last_collection_memory_committed_size_bytes</c>, <c>_heap_fragmentation_size_bytes</c>), its processor
/// time, and the GC's totals (<c>dotnet_gc_heap_total_allocated_bytes_total</c>, <c>dotnet_gc_pause_time_seconds_total</c>).
/// </summary>
/// <param name="baseAddress">The portal.</param>
/// <param name="scrapeToken">The portal's <c>Metrics:ScrapeToken</c>.</param>
public sealed class PortalMetrics(Uri baseAddress, string scrapeToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Scrapes once.</summary>
    public async Task<ServerSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scrapeToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var samples = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new ServerSnapshot(
            Sum(samples, "aspnetcore_components_circuit_active"),
            Sum(samples, "aspnetcore_components_circuit_connected"),
            Sum(samples, "dotnet_process_memory_working_set_bytes"),
            Sum(samples, "dotnet_gc_last_collection_heap_size_bytes"),
            Sum(samples, "dotnet_gc_last_collection_memory_committed_size_bytes"),
            Sum(samples, "dotnet_process_cpu_time_seconds_total"),
            Sum(samples, "dotnet_gc_last_collection_heap_fragmentation_size_bytes"),
            Sum(samples, "dotnet_gc_heap_total_allocated_bytes_total"),
            Sum(samples, "dotnet_gc_pause_time_seconds_total"));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // The text format's sample lines: "name{labels} value [timestamp]"; comments start with '#'.
    private static List<(string Name, double Value)> Parse(string text)
    {
        var samples = new List<(string, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var valueStart = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : nameEnd;
            var fields = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (nameEnd > 0 && fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples.Add((line[..nameEnd], value));
            }
        }

        return samples;
    }

    private static double Sum(List<(string Name, double Value)> samples, string name) =>
        samples.Where(s => s.Name == name).Sum(s => s.Value);
}
