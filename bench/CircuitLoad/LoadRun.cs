using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProfilePortal.CircuitLoad;

/// <summary>How a load run goes.</summary>
/// <param name="BaseAddress">The portal, on 127.0.0.1.</param>
/// <param name="Steps">The numbers of circuits to ramp to, in order (e.g. 100, 1000, 5000, 10000).</param>
/// <param name="Hold">How long each step's active circuits click once a second.</param>
/// <param name="Active">How many of the open circuits click (the others stay idle on the page).</param>
/// <param name="Idle">How long each step's circuits stay idle before the memory is read.</param>
/// <param name="ServerProcessId">The portal's process, to force a full collection before memory is read; none: the last collection's figures.</param>
/// <param name="StepTimeout">How long a step may take to open its circuits before it goes on with those it has.</param>
/// <param name="StartConcurrency">Circuits being opened at once.</param>
/// <param name="ScrapeToken">The portal's metrics token.</param>
/// <param name="CookieFile">Where the customers' cookies are cached.</param>
public sealed record LoadOptions(Uri BaseAddress, IReadOnlyList<int> Steps, TimeSpan Hold, TimeSpan StepTimeout, int StartConcurrency,
    string ScrapeToken, string CookieFile, int Active, TimeSpan Idle, int? ServerProcessId);

/// <summary>One step of the ramp, measured at the end of its hold.</summary>
/// <param name="Target">Circuits wanted.</param>
/// <param name="Alive">Circuits connected and without errors at the end of the hold.</param>
/// <param name="FailedStarts">Circuits that did not start in this step.</param>
/// <param name="RampTime">How long opening this step's new circuits took.</param>
/// <param name="Idle">The server's figures after the idle wait (and a forced collection when possible).</param>
/// <param name="Active">Circuits that clicked during the hold.</param>
/// <param name="Clicks">Clicks whose render batch arrived.</param>
/// <param name="FailedClicks">Clicks that failed or timed out.</param>
/// <param name="Latency">Click to first render batch: p50, p95, p99 in milliseconds.</param>
/// <param name="Server">The server's figures at the end of the hold.</param>
/// <param name="Baseline">The server's figures before the first circuit (after a forced collection when possible).</param>
/// <param name="ServerCpu">The portal's processor time during the hold (its <c>dotnet.process.cpu.time</c>).</param>
/// <param name="DriverCpu">This driver's processor time during the hold: it shares the machine with the portal.</param>
public sealed record StepResult(int Target, int Alive, int FailedStarts, TimeSpan RampTime, ServerSnapshot Idle, int Active, int Clicks, int FailedClicks,
    (double P50, double P95, double P99) Latency, ServerSnapshot Server, ServerSnapshot Baseline, TimeSpan ServerCpu = default, TimeSpan DriverCpu = default)
{
    /// <summary>The portal's processor time per click during the hold, in milliseconds.</summary>
    public double ServerCpuPerClickMs => Clicks == 0 ? 0 : ServerCpu.TotalMilliseconds / Clicks;

    /// <summary>The driver's processor time per click during the hold, in milliseconds.</summary>
    public double DriverCpuPerClickMs => Clicks == 0 ? 0 : DriverCpu.TotalMilliseconds / Clicks;

    /// <summary>(working set with N idle circuits − working set at 0) / N, in KB.</summary>
    public double WorkingSetPerCircuitKb => Idle.CircuitsActive == 0 ? 0 : (Idle.WorkingSetBytes - Baseline.WorkingSetBytes) / Idle.CircuitsActive / 1024;

    /// <summary>(managed heap with N idle circuits − managed heap at 0) / N, in KB.</summary>
    public double HeapPerCircuitKb => Idle.CircuitsActive == 0 ? 0 : (Idle.HeapBytes - Baseline.HeapBytes) / Idle.CircuitsActive / 1024;
}

/// <summary>
/// The ramp: for each step, open circuits (each its own load customer on <c>/profile</c>) up to the step's number,
/// leave them idle for <see cref="LoadOptions.Idle"/> and read the server's memory (after a forced full collection
/// when the server's process is known: memory per idle circuit), then hold them for <see cref="LoadOptions.Hold"/>
/// with <see cref="LoadOptions.Active"/> of them clicking once a second (Edit, then Close, and so on; an editor left
/// open at the end is closed, so the next step's tabs are idle again) and read the server's metrics again. Every loop is bounded in count and time; the run stops early when a step keeps fewer
/// than 90 % of its circuits alive.
/// </summary>
public static class LoadRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ClickTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the ramp and returns a result per step reached.</summary>
    public static async Task<IReadOnlyList<StepResult>> RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var cookies = new CookieCache(options.CookieFile);
        using var metrics = new PortalMetrics(options.BaseAddress, options.ScrapeToken);
        var baseline = await ReadSettledAsync(options, metrics, cancellationToken);
        log.WriteLine($"baseline: {Describe(baseline)}");
        var visits = new List<ProfileVisit>();
        var results = new List<StepResult>();
        try
        {
            foreach (var target in options.Steps)
            {
                var (failed, rampTime) = await RampAsync(options, cookies, visits, target, log, cancellationToken);
                cookies.Save();
                log.WriteLine($"{target:N0}: {visits.Count:N0} open, {failed:N0} failed, ramp {rampTime.TotalSeconds:F0} s; idle {options.Idle.TotalSeconds:F0} s");
                await Task.Delay(options.Idle, cancellationToken);
                var idle = await ReadSettledAsync(options, metrics, cancellationToken);
                log.WriteLine($"{target:N0} idle: {Describe(idle)}");
                var active = visits.Take(options.Active).ToList();
                log.WriteLine($"{target:N0}: {active.Count:N0} clicking once a second for {options.Hold.TotalSeconds:F0} s");
                var beforeHold = await metrics.ReadAsync(cancellationToken);
                var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var (clicks, failedClicks, latency) = await HoldAsync(active, options.Hold, cancellationToken);
                var driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverBefore;
                var server = await metrics.ReadAsync(cancellationToken);
                var serverCpu = TimeSpan.FromSeconds(Math.Max(0, server.CpuSeconds - beforeHold.CpuSeconds));
                var alive = visits.Count(v => v.Circuit.IsConnected && v.Circuit.Errors.Count == 0);
                var result = new StepResult(target, alive, failed, rampTime, idle, active.Count, clicks, failedClicks, latency, server, baseline, serverCpu, driverCpu);
                results.Add(result);
                log.WriteLine($"{target:N0}: {alive:N0} alive, {clicks:N0} clicks ({failedClicks:N0} failed), p50/p95/p99 " +
                    $"{latency.P50:F0}/{latency.P95:F0}/{latency.P99:F0} ms, processor per click: portal {result.ServerCpuPerClickMs:F2} ms, " +
                    $"driver {result.DriverCpuPerClickMs:F2} ms, {Describe(server)}");
                log.WriteLine($"{target:N0}: during the hold the portal allocated {Allocated(beforeHold, server, clicks)} and was paused by " +
                    $"collections {server.GcPauseSeconds - beforeHold.GcPauseSeconds:F1} s of {options.Hold.TotalSeconds:F0} s");
                foreach (var error in visits.SelectMany(v => v.Circuit.Errors).Distinct().Take(5))
                {
                    log.WriteLine($"  error: {error}");
                }

                if (alive < target * 0.9)
                {
                    log.WriteLine($"Stopping: only {alive:N0} of {target:N0} circuits alive.");
                    break;
                }
            }
        }
        finally
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Parallel.ForEachAsync(visits, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (visit, _) =>
                await visit.DisposeAsync().AsTask().WaitAsync(closing.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        return results;
    }

    /// <summary>The results as a Markdown table.</summary>
    public static string Markdown(IReadOnlyList<StepResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| circuits wanted | alive at the end | failed starts | ramp | idle: server circuits | idle: working set | idle: managed heap | working set per idle circuit | heap per idle circuit | clicking | clicks (failed) | click → batch p50 / p95 / p99 | processor per click: portal / driver | working set at the end |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Target:N0} | {r.Alive:N0} | {r.FailedStarts:N0} | {r.RampTime.TotalSeconds:F0} s | {r.Idle.CircuitsActive:N0} | {Mb(r.Idle.WorkingSetBytes)} | " +
                $"{Mb(r.Idle.HeapBytes)} | {r.WorkingSetPerCircuitKb:F0} KB | {r.HeapPerCircuitKb:F0} KB | {r.Active:N0} | {r.Clicks:N0} ({r.FailedClicks:N0}) | " +
                $"{r.Latency.P50:F0} / {r.Latency.P95:F0} / {r.Latency.P99:F0} ms | {r.ServerCpuPerClickMs:F2} / {r.DriverCpuPerClickMs:F2} ms | {Mb(r.Server.WorkingSetBytes)} |");
        }

        if (results.Count > 0)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"\nBefore the first circuit: {Describe(results[0].Baseline)}.");
        }

        return table.ToString();
    }

    // After a forced full collection when the server's process is known, so the heap holds live objects only.
    private static async Task<ServerSnapshot> ReadSettledAsync(LoadOptions options, PortalMetrics metrics, CancellationToken cancellationToken)
    {
        if (options.ServerProcessId is { } processId)
        {
            await ServerCollection.ForceAsync(processId, cancellationToken);
        }

        return await metrics.ReadAsync(cancellationToken);
    }

    private static async Task<(int Failed, TimeSpan Time)> RampAsync(LoadOptions options, CookieCache cookies, List<ProfileVisit> visits, int target,
        TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var failed = 0;
        var reported = 0;
        using var step = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        step.CancelAfter(options.StepTimeout);
        var numbers = Enumerable.Range(visits.Count + 1, Math.Max(0, target - visits.Count));
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = options.StartConcurrency }, async (number, _) =>
        {
            if (step.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                return;
            }

            try
            {
                var visit = await OpenAsync(options, cookies, number, step.Token);
                lock (visits)
                {
                    visits.Add(visit);
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TimeoutException or OperationCanceledException
                or System.Net.WebSockets.WebSocketException or IOException)
            {
                Interlocked.Increment(ref failed);
                if (Interlocked.Increment(ref reported) <= 5)
                {
                    log.WriteLine($"  start failed for {LoadCustomers.Email(number)}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        });
        return (failed, clock.Elapsed);
    }

    private static async Task<ProfileVisit> OpenAsync(LoadOptions options, CookieCache cookies, int number, CancellationToken cancellationToken)
    {
        var email = LoadCustomers.Email(number);
        var jar = await cookies.SignedInAsync(options.BaseAddress, email, LoadCustomers.Password, refresh: false, cancellationToken);
        try
        {
            return await ProfileVisit.OpenAsync(options.BaseAddress, jar, StartTimeout, cancellationToken);
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains(" answered 302", StringComparison.Ordinal))
        {
            // A cached cookie the portal no longer accepts: sign in again, once.
            jar = await cookies.SignedInAsync(options.BaseAddress, email, LoadCustomers.Password, refresh: true, cancellationToken);
            return await ProfileVisit.OpenAsync(options.BaseAddress, jar, StartTimeout, cancellationToken);
        }
    }

    private static async Task<(int Clicks, int Failed, (double P50, double P95, double P99) Latency)> HoldAsync(List<ProfileVisit> visits, TimeSpan hold, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var end = Stopwatch.GetTimestamp() + (long)(hold.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(visits.Select(async (visit, index) =>
        {
            // Spread the clicks over the second.
            await Task.Delay(TimeSpan.FromMilliseconds(index * 997 % 1000), cancellationToken);
            while (Stopwatch.GetTimestamp() < end && visit.Circuit.IsConnected)
            {
                var next = Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                try
                {
                    latencies.Add((await visit.ToggleEditorAsync(cancellationToken).WaitAsync(ClickTimeout, cancellationToken)).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                }

                await next;
            }

            // Back to idle: the next step's idle figures are about idle tabs, not about drawers left open.
            if (visit.EditorOpen && visit.Circuit.IsConnected)
            {
                try
                {
                    await visit.CloseEditorAsync(cancellationToken).WaitAsync(ClickTimeout, cancellationToken);
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
                {
                    // Counted neither as a click nor as a failure: the hold is over.
                }
            }
        }));

        var sorted = latencies.Order().ToArray();
        return (sorted.Length, failed, (Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99)));
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static string Mb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024 / 1024:N0} MB");

    private static string Allocated(ServerSnapshot before, ServerSnapshot after, int clicks)
    {
        var allocated = after.AllocatedBytes - before.AllocatedBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{Mb(allocated)} ({(clicks == 0 ? 0 : allocated / clicks / 1024):F0} KB per click)");
    }

    private static string Describe(ServerSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.CircuitsActive:N0} circuits active ({s.CircuitsConnected:N0} connected), working set {Mb(s.WorkingSetBytes)}, managed heap {Mb(s.HeapBytes)} (of it free: {Mb(s.FragmentedBytes)}), GC committed {Mb(s.CommittedBytes)}");
}
