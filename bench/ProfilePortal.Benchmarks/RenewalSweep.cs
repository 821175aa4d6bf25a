using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using static ProfilePortal.Benchmarks.SweepHarness;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The renewal sweep over many subscriptions due at once: <see cref="RenewalService.RunAsync"/> with the real
/// services, the sandbox gateway and the receipts rendered, against the same database writes by hand
/// (<see cref="HandWrittenRenewals"/>), in the same process and the same run, alternating, each on a fresh copy
/// of the same template (<see cref="SweepHarness"/> says how and why a harness of its own). Two cases: periods
/// that renew (issue 4, <see cref="Renewals"/>) and trials that convert (issue 5, <see cref="TrialSweeps"/>).
/// </summary>
internal static class RenewalSweep
{
    /// <summary>The name <c>--filter</c> patterns are matched against, like BenchmarkDotNet's full names.</summary>
    public const string Name = "ProfilePortal.Benchmarks.RenewalSweep.RunAsync";

    /// <summary>
    /// The issue 4 case: <c>BENCH_RENEWALS</c> paid periods due at once, <c>BENCH_RENEWAL_RUNS</c> runs of each side
    /// (default 3); <c>BENCH_RENEWAL_PROFILE=1</c> adds an instrumented sweep that shows where its time goes.
    /// </summary>
    public static Case Renewals => new(
        $"Renewal sweep: {RenewalDatabase.Organizations:N0} subscriptions due at once",
        "renewals",
        RenewalDatabase.Organizations,
        BenchDatabase.Setting("BENCH_RENEWAL_RUNS", 3),
        Environment.GetEnvironmentVariable("BENCH_RENEWAL_PROFILE") == "1",
        RenewalDatabase.PrepareTemplateAsync,
        organizations => Path.Combine(BenchDatabase.DataDirectory, $"renewal-{organizations}-run.db"),
        organizations => new RenewalSweepResult(organizations, 0, 0, 0),
        RenewalDatabase.VerifyRenewedOnce,
        Goal: 1.0 / 3);

    public static Task RunAsync() => RunAsync(Renewals);

    public static async Task RunAsync(Case sweep)
    {
        var comparison = new SweepComparison<HandWrittenInputs>(
            sweep.Title,
            sweep.Unit,
            "RenewalService.RunAsync",
            "Hand-written SQL",
            sweep.Organizations,
            sweep.Runs,
            sweep.PrepareTemplateAsync,
            sweep.RunCopyPath,
            HandWrittenInputsAsync,
            (connectionString, organizations) => MeasureServiceAsync(sweep, connectionString, organizations, profiler: null),
            (connectionString, organizations, inputs) => MeasureHandWrittenAsync(sweep, connectionString, organizations, inputs),
            sweep.Verify,
            SweepDatabase.SweepWritesDigest,
            sweep.Goal);
        var template = await CompareAsync(comparison);

        if (sweep.Profile)
        {
            var profiler = new RenewalProfiler();
            var profiled = await OnCopyAsync(comparison, template, sweep.Organizations, [], comparison.ServiceSide,
                connectionString => MeasureServiceAsync(sweep, connectionString, sweep.Organizations, profiler));
            profiler.Print(profiled.Elapsed, sweep.Organizations, sweep.Unit);
        }
    }

    private static async Task<Measurement> MeasureServiceAsync(Case sweep, string connectionString, int organizations, RenewalProfiler? profiler)
    {
        // A provider per run: the sandbox gateway remembers every request id it answered, and each copy of the
        // template sends the same ones again.
        await using var services = BenchServices.Create(connectionString, profiler is null ? null : profiler.Attach);
        await using (var db = await services.GetRequiredService<IPortalDbContextFactory>().CreateAsync())
        {
            await db.Plans.AsNoTracking().CountAsync();
        }

        var renewals = services.GetRequiredService<RenewalService>();
        RenewalSweepResult? result = null;
        var measurement = await MeasureAsync("RenewalService.RunAsync", organizations, async () => result = await renewals.RunAsync());

        var expected = sweep.Expected(organizations);
        if (result != expected)
        {
            throw new InvalidOperationException($"RenewalService.RunAsync returned {result}; expected {expected}.");
        }

        var charges = services.GetRequiredService<SandboxGateway>().Charges;
        if (charges.Count != organizations || charges.Select(c => c.InvoiceId).Distinct(StringComparer.Ordinal).Count() != organizations)
        {
            throw new InvalidOperationException($"The sandbox took {charges.Count:N0} charges; expected one for each of {organizations:N0} subscriptions.");
        }

        return measurement;
    }

    private static async Task<Measurement> MeasureHandWrittenAsync(Case sweep, string connectionString, int organizations, HandWrittenInputs inputs)
    {
        var done = (Renewed: 0, Converted: 0);
        var measurement = await MeasureAsync("Hand-written SQL", organizations, () =>
        {
            done = HandWrittenRenewals.Run(connectionString, BenchDatabase.Now, inputs.BatchSize, inputs.Receipts);
            return Task.CompletedTask;
        });

        var expected = sweep.Expected(organizations);
        if (done != (expected.Renewed, expected.Converted))
        {
            throw new InvalidOperationException($"The hand-written sweep renewed {done.Renewed:N0} and converted {done.Converted:N0}; expected {expected}.");
        }

        return measurement;
    }

    /// <summary>
    /// What the hand-written side takes from the portal's configuration: the batch size, and the receipts it copies,
    /// rendered once per language by the real renderer.
    /// </summary>
    private static async Task<HandWrittenInputs> HandWrittenInputsAsync(string template)
    {
        await using var services = BenchServices.Create(SweepDatabase.ConnectionString(template));
        return new HandWrittenInputs(await PreRenderedEmails.RenewalReceiptsAsync(services), PreRenderedEmails.RenewalBatchSize(services));
    }

    /// <summary>
    /// One case of the renewal sweep: its data (a template per size, where a run's copy goes), what the sweep must
    /// return on it and how its result is checked after every run; the goal, if the issue sets one, is a minimum
    /// ratio of the service's rate to the hand-written one.
    /// </summary>
    internal sealed record Case(
        string Title,
        string Unit,
        int Organizations,
        int Runs,
        bool Profile,
        Func<int, Task<string>> PrepareTemplateAsync,
        Func<int, string> RunCopyPath,
        Func<int, RenewalSweepResult> Expected,
        Action<string, int> Verify,
        double? Goal = null);

    private sealed record HandWrittenInputs(HandWrittenRenewals.Receipts Receipts, int BatchSize);
}
