using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The jobs page's words for scheduler values: job names, schedules, states, durations, error codes.</summary>
internal static class JobText
{
    /// <summary>The job's name in the admin's language; the scheduler's description or key for a job the portal does not know.</summary>
    public static string Name(IStringLocalizer<SharedResource> l, JobView job) =>
        l[$"AdminJobs.Job.{job.Id.Name}"] is { ResourceNotFound: false } text ? text.Value : job.Description ?? job.Id.Name;

    public static string Schedule(IStringLocalizer<SharedResource> l, JobTriggerView trigger) => (trigger.Interval, trigger.Cron) switch
    {
        (_, { } cron) => l["AdminJobs.Cron", cron],
        ({ } interval, _) when interval.TotalSeconds < 60 => l["AdminJobs.EverySeconds", (int)interval.TotalSeconds],
        ({ } interval, _) when interval.TotalMinutes < 60 => l["AdminJobs.EveryMinutes", (int)interval.TotalMinutes],
        ({ } interval, _) => l["AdminJobs.EveryHours", interval.TotalHours.ToString("0.##", CultureInfo.CurrentCulture)],
        _ => l["AdminJobs.Once"],
    };

    public static string State(IStringLocalizer<SharedResource> l, JobTriggerState state) => l[$"AdminJobs.State.{state}"];

    public static MudBlazor.Color StateColor(JobTriggerState state) => state switch
    {
        JobTriggerState.Normal => MudBlazor.Color.Success,
        JobTriggerState.Paused => MudBlazor.Color.Warning,
        JobTriggerState.Error => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string Duration(IStringLocalizer<SharedResource> l, TimeSpan duration) =>
        duration.TotalSeconds < 1
            ? l["AdminJobs.DurationMs", (int)duration.TotalMilliseconds]
            : l["AdminJobs.DurationSeconds", duration.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture)];

    /// <summary>The localized message of an error, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"AdminJobs.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;
}
