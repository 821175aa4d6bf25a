using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Infrastructure.Health;
using ProfilePortal.Infrastructure.Persistence;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The name of the scheduler health check.</summary>
    public const string HealthCheckName = "scheduler";

    /// <summary>
    /// Registers Quartz, hosted in the app, with its persistent store in the app's own database
    /// (<c>Database:Provider</c>): SQLite as one node that creates its tables, SQL Server clustered when
    /// <c>Scheduler:Clustered</c>. Adds the sweep jobs, a scheduler health check on <c>/health/ready</c> and
    /// <see cref="SchedulerSchemaMigrator"/> for the <c>migrate</c> command. Starts no scheduler when
    /// <c>Scheduler:Enabled</c> is off. Needs <c>AddPortalPersistence</c> (the connection string) and
    /// <c>AddPortalEmail</c> (the jobs' services).
    /// </summary>
    public static IServiceCollection AddPortalScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SchedulerOptions>()
            .Bind(configuration.GetSection(SchedulerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SchedulerSchemaMigrator>();
        // The jobs admin page works on every node; without a scheduler it shows that none runs here.
        services.AddSingleton<IJobAdmin, QuartzJobAdmin>();

        // The shape of the registration depends on these two, so they are read now; the connection string
        // is resolved later from DatabaseOptions, exactly as the app's own contexts get it.
        var scheduler = configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>() ?? new SchedulerOptions();
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        if (!scheduler.Enabled)
        {
            return services;
        }

        services.AddSingleton<IPostConfigureOptions<DataSourceOptions>, QuartzDataSourceFromDatabaseOptions>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = scheduler.InstanceName);
            q.UsePersistentStore(store => ConfigureStore(store, provider, scheduler));
            q.AddJobListener<JobHistoryListener>();
            q.ScheduleJob<EmailOutboxDispatchJob>(
                trigger => trigger
                    .WithIdentity("email-outbox-dispatch", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromSeconds(scheduler.OutboxSweepSeconds)),
                job => job.WithIdentity(EmailOutboxDispatchJob.Key));
            q.ScheduleJob<RenewalSweepJob>(
                trigger => trigger
                    .WithIdentity("billing-renewals", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromSeconds(scheduler.RenewalSweepSeconds)),
                job => job.WithIdentity(RenewalSweepJob.Key));
            q.ScheduleJob<TrialReminderSweepJob>(
                trigger => trigger
                    .WithIdentity("trial-reminders", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromSeconds(scheduler.TrialReminderSweepSeconds)),
                job => job.WithIdentity(TrialReminderSweepJob.Key));
            q.ScheduleJob<PauseReminderSweepJob>(
                trigger => trigger
                    .WithIdentity("pause-reminders", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromMinutes(scheduler.PauseReminderSweepMinutes)),
                job => job.WithIdentity(PauseReminderSweepJob.Key));
            q.ScheduleJob<TrialRolloutKillSwitchJob>(
                trigger => trigger
                    .WithIdentity("trial-rollout-kill-switch", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromMinutes(scheduler.TrialRolloutCheckMinutes)),
                job => job.WithIdentity(TrialRolloutKillSwitchJob.Key));
            q.ScheduleJob<AlertsJob>(
                trigger => trigger
                    .WithIdentity("alerts", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromMinutes(scheduler.AlertsCheckMinutes)),
                job => job.WithIdentity(AlertsJob.Key));
            q.ScheduleJob<QuotaNoticeSweepJob>(
                trigger => trigger
                    .WithIdentity("quota-notice-sweep", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromMinutes(scheduler.QuotaNoticeSweepMinutes)),
                job => job.WithIdentity(QuotaNoticeSweepJob.Key));
            q.ScheduleJob<WinBackSweepJob>(
                trigger => trigger
                    .WithIdentity("win-back-sweep", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromMinutes(scheduler.WinBackSweepMinutes)),
                job => job.WithIdentity(WinBackSweepJob.Key));
            q.ScheduleJob<DashboardRollupJob>(
                trigger => trigger
                    .WithIdentity("dashboard-rollup", "sweeps")
                    .WithSimpleSchedule(TimeSpan.FromMinutes(scheduler.DashboardRollupMinutes)),
                job => job.WithIdentity(DashboardRollupJob.Key));
            q.AddQuartzHealthChecks(check =>
            {
                check.Name = HealthCheckName;
                check.Tags.Add(HealthCheckTags.Ready);
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void ConfigureStore(IPersistentStoreBuilder store, DatabaseProvider provider, SchedulerOptions scheduler)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                // One node only: Quartz refuses to cluster SQLite. The embedded default needs no deploy step,
                // so the tables are created next to the app's on first start.
                store.UseSqlite(_ => { });
                store.ProvisionSchema();
                break;
            case DatabaseProvider.SqlServer:
                store.UseSqlServer(_ => { });
                if (scheduler.Clustered)
                {
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(scheduler.ClusterCheckinSeconds);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(scheduler.ClusterCheckinMisfireSeconds);
                    });
                }

                if (scheduler.CreateSchemaIfMissing)
                {
                    store.ProvisionSchema();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        store.UseSystemTextJsonSerializer(_ => { });
    }
}
