using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ProfilePortal.Domain;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Infrastructure.Email;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Infrastructure.Scheduling;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Scheduling;

/// <summary>Quartz as the app hosts it: persistent store in the app's SQLite file, real clock, real SMTP.</summary>
[Collection(MailDevCollection.Name)]
public sealed class SchedulerHostingTests(MailDevServer maildev) : IDisposable
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task The_outbox_sweep_job_delivers_queued_mail_and_the_scheduler_reports_ready()
    {
        using var host = BuildHost();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await host.StartAsync();
        var recipient = Builders.UniqueEmail("scheduled");

        await host.Services.GetRequiredService<EmailOutbox>().EnqueueAsync(recipient, "en", new PasswordChangedModel("Ben"));
        var received = await WaitForMailAsync(recipient);
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal("Your password was changed", Assert.Single(received).Subject);
        Assert.Equal(HealthStatus.Healthy, health.Entries[SchedulingServiceCollectionExtensions.HealthCheckName].Status);
        Assert.Equal(HealthStatus.Healthy, health.Entries[EmailServiceCollectionExtensions.HealthCheckName].Status);
        Assert.Contains("ready", health.Entries[SchedulingServiceCollectionExtensions.HealthCheckName].Tags);
        Assert.Equal(["alerts", "billing-renewals", "dashboard-rollup", "email-outbox-dispatch", "pause-reminders", "quota-notice-sweep", "trial-reminders", "trial-rollout-kill-switch", "win-back-sweep"], await QuartzJobsInAppDatabaseAsync());
    }

    [Fact]
    public void A_disabled_scheduler_registers_no_quartz_but_keeps_the_schema_step()
    {
        using var host = BuildHost(new() { ["Scheduler:Enabled"] = "false" });

        Assert.Null(host.Services.GetService<Quartz.ISchedulerFactory>());
        Assert.NotNull(host.Services.GetService<SchedulerSchemaMigrator>());
    }

    private IHost BuildHost(Dictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
            ContentRootPath = _directory.Path,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_directory.Path, "portal.db")}",
            ["Smtp:Port"] = $"{maildev.SmtpPort}",
            ["Scheduler:OutboxSweepSeconds"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(overrides ?? []);
        builder.Services.AddDomain();
        builder.Services.AddPortalPersistence(builder.Configuration, _directory.Path);
        builder.Services.AddPortalEmail(builder.Configuration);
        builder.Services.AddPortalScheduling(builder.Configuration);
        return builder.Build();
    }

    private async Task<IReadOnlyList<MailDevEmail>> WaitForMailAsync(string recipient)
    {
        // The job fires on the scheduler's own clock: poll the external server, bounded.
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < DeliveryTimeout)
        {
            var received = await maildev.GetMessagesAsync(recipient);
            if (received.Count > 0)
            {
                return received;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return [];
    }

    private async Task<List<string>> QuartzJobsInAppDatabaseAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "portal.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT JOB_NAME FROM QRTZ_JOB_DETAILS ORDER BY JOB_NAME";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public void Dispose() => _directory.Dispose();
}
