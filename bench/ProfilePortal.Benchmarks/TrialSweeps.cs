using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Trials;
using static ProfilePortal.Benchmarks.SweepHarness;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The trial sweeps over many trials at once (issue 5), each against the same reads and writes in hand-written
/// SQL, with the harness of the renewal sweep (<see cref="SweepHarness"/>):
/// <list type="bullet">
/// <item><see cref="ConversionAsync"/>: <see cref="RenewalService.RunAsync"/> converting <c>BENCH_TRIALS</c> trials
/// that ended in the same minute (<see cref="TrialTemplate.Conversion"/>), against <see cref="HandWrittenRenewals"/>;
/// conversions per second.</item>
/// <item><see cref="RemindersAsync"/>: <see cref="TrialReminderService.RunAsync"/> queueing the 24-hour reminder of
/// <c>BENCH_TRIALS</c> trials (<see cref="TrialTemplate.Reminders"/>), against <see cref="HandWrittenTrialReminders"/>;
/// emails queued per second.</item>
/// </list>
/// <c>BENCH_TRIAL_RUNS</c> runs of each side (default 3); <c>BENCH_TRIAL_PROFILE=1</c> adds an instrumented
/// conversion sweep that shows where its time goes.
/// </summary>
internal static class TrialSweeps
{
    /// <summary>The names <c>--filter</c> patterns are matched against, like BenchmarkDotNet's full names.</summary>
    public const string ConversionName = "ProfilePortal.Benchmarks.TrialSweeps.Conversion";

    public const string RemindersName = "ProfilePortal.Benchmarks.TrialSweeps.Reminders";

    private static int Runs => BenchDatabase.Setting("BENCH_TRIAL_RUNS", 3);

    public static Task ConversionAsync() => RenewalSweep.RunAsync(new RenewalSweep.Case(
        $"Trial conversion sweep: {TrialDatabase.Trials:N0} trials ending in the same minute",
        "conversions",
        TrialDatabase.Trials,
        Runs,
        Environment.GetEnvironmentVariable("BENCH_TRIAL_PROFILE") == "1",
        trials => TrialDatabase.PrepareTemplateAsync(TrialTemplate.Conversion, trials),
        trials => TrialDatabase.RunCopyPath(TrialTemplate.Conversion, trials),
        trials => new RenewalSweepResult(0, 0, 0, 0, Converted: trials),
        TrialDatabase.VerifyConvertedOnce));

    public static Task RemindersAsync() => CompareAsync(new SweepComparison<ReminderInputs>(
        $"Trial reminder sweep: {TrialDatabase.Trials:N0} trials ending in 1 to 24 hours",
        "emails",
        "TrialReminderService.RunAsync",
        "Hand-written SQL",
        TrialDatabase.Trials,
        Runs,
        trials => TrialDatabase.PrepareTemplateAsync(TrialTemplate.Reminders, trials),
        trials => TrialDatabase.RunCopyPath(TrialTemplate.Reminders, trials),
        ReminderInputsAsync,
        MeasureReminderServiceAsync,
        MeasureHandWrittenRemindersAsync,
        TrialDatabase.VerifyRemindedOnce,
        SweepDatabase.SweepWritesDigest));

    private static async Task<Measurement> MeasureReminderServiceAsync(string connectionString, int trials)
    {
        await using var services = BenchServices.Create(connectionString);
        var reminders = services.GetRequiredService<TrialReminderService>();
        var sent = 0;
        var measurement = await MeasureAsync("TrialReminderService.RunAsync", trials, async () => sent = await reminders.RunAsync());
        if (sent != trials)
        {
            throw new InvalidOperationException($"TrialReminderService.RunAsync queued {sent:N0} reminders; expected {trials:N0}.");
        }

        return measurement;
    }

    private static async Task<Measurement> MeasureHandWrittenRemindersAsync(string connectionString, int trials, ReminderInputs inputs)
    {
        var sent = 0;
        var measurement = await MeasureAsync("Hand-written SQL", trials, () =>
        {
            sent = HandWrittenTrialReminders.Run(connectionString, BenchDatabase.Now, inputs.BatchSize, inputs.Leads, inputs.Rendered);
            return Task.CompletedTask;
        });
        if (sent != trials)
        {
            throw new InvalidOperationException($"The hand-written reminder sweep queued {sent:N0} reminders; expected {trials:N0}.");
        }

        return measurement;
    }

    /// <summary>
    /// What the hand-written reminder sweep takes from the portal's configuration: the lead times, the batch size, and
    /// the reminders it copies, rendered once per lead time and language by the real renderer.
    /// </summary>
    private static async Task<ReminderInputs> ReminderInputsAsync(string template)
    {
        await using var services = BenchServices.Create(SweepDatabase.ConnectionString(template));
        var options = services.GetRequiredService<IOptions<TrialOptions>>().Value;
        var links = services.GetRequiredService<IOptions<PortalLinkOptions>>().Value;
        var plan = PlanCatalog.Plans.Single(p => p.Code == TrialDatabase.PlanCode);
        var convertsAt = TrialDatabase.TrialEnd(TrialTemplate.Reminders, 0, 1).ToOffset(TimeSpan.FromHours(3));
        var rendered = new List<IReadOnlyDictionary<string, RenderedEmail>>();
        foreach (var lead in options.Reminders)
        {
            rendered.Add(await PreRenderedEmails.RenderAsync(services, new TrialReminderModel(
                "First12345 Last12345", plan.Name, plan.Total, convertsAt, "Europe/Moscow", lead, "•••• 4242", links.Link(TrialService.CancelPath))));
        }

        return new ReminderInputs(options.Reminders, options.ReminderBatchSize, rendered);
    }

    private sealed record ReminderInputs(IReadOnlyList<TimeSpan> Leads, int BatchSize, IReadOnlyList<IReadOnlyDictionary<string, RenderedEmail>> Rendered);
}
