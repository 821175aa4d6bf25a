using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// Makes the portal's process run a full blocking garbage collection, so the heap it reports afterwards holds only
/// live objects: an EventPipe session with the runtime's <c>GCHeapCollect</c> keyword asks for exactly that (as
/// <c>dotnet-gcdump</c> does). Works for a .NET process of the same user on this machine; without a process id the
/// figures stay those of the last collection the server happened to run.
/// </summary>
public static class ServerCollection
{
    private const long GCHeapCollectKeyword = 0x800000;

    /// <summary>Forces the collection and waits a moment for it to finish.</summary>
    public static async Task ForceAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GCHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, cancellationToken);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        await session.StopAsync(cancellationToken);
        await drain;
    }
}
