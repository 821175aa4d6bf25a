using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Infrastructure.Scheduling;
using Quartz;

namespace ProfilePortal.Tests.Integration.Scheduling;

/// <summary>How the store is set up per provider, read from Quartz's options without opening a database.</summary>
public sealed class SchedulerStoreConfigurationTests
{
    private const string SqlServer = "Server=db.invalid;Database=ProfilePortal;User Id=sa;Password=x;TrustServerCertificate=True";

    [Fact]
    public void On_sqlite_one_node_creates_its_tables_in_the_app_database()
    {
        using var services = Build(new() { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Portal"] = "Data Source=portal.db" });

        Assert.False(Get<ClusteringOptions>(services).Enabled);
        Assert.Equal(SchemaProvisioning.CreateIfMissing, Get<AdoJobStoreOptions>(services).SchemaProvisioning);
        Assert.Equal("Data Source=portal.db", DataSource(services).ConnectionString);
        Assert.Equal(DataSourceOptions.Providers.Sqlite, DataSource(services).Provider);
    }

    [Fact]
    public void On_sql_server_nodes_cluster_and_only_validate_the_deployed_schema()
    {
        using var services = Build(new() { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:Portal"] = SqlServer });

        Assert.True(Get<ClusteringOptions>(services).Enabled);
        Assert.Equal(SchemaProvisioning.Validate, Get<AdoJobStoreOptions>(services).SchemaProvisioning);
        Assert.Equal(SqlServer, DataSource(services).ConnectionString);
        Assert.Equal(DataSourceOptions.Providers.SqlServer, DataSource(services).Provider);
    }

    [Fact]
    public void On_sql_server_every_node_joins_one_cluster_under_the_same_name_with_its_own_id()
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Portal"] = SqlServer,
            ["Scheduler:Clustered"] = "true",
            ["Scheduler:InstanceName"] = "portal-cluster",
            ["Scheduler:ClusterCheckinSeconds"] = "7",
            ["Scheduler:ClusterCheckinMisfireSeconds"] = "45",
        });

        var clustering = Get<ClusteringOptions>(services);
        var scheduler = Get<QuartzSchedulerOptions>(services);
        Assert.True(clustering.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(7), clustering.CheckinInterval);
        Assert.Equal(TimeSpan.FromSeconds(45), clustering.CheckinMisfireThreshold);
        Assert.True(Get<AdoJobStoreOptions>(services).UseDbLocks);
        Assert.Equal(DataSourceOptions.Providers.SqlServer, DataSource(services).Provider);
        Assert.Equal("portal-cluster", scheduler.InstanceName);
        Assert.True(scheduler.GenerateInstanceId, "Each node needs an id of its own within the cluster.");
    }

    [Fact]
    public void A_cluster_checkin_of_ten_seconds_and_a_minute_before_takeover_unless_configured()
    {
        using var services = Build(new() { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:Portal"] = SqlServer });

        Assert.Equal(TimeSpan.FromSeconds(10), Get<ClusteringOptions>(services).CheckinInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), Get<ClusteringOptions>(services).CheckinMisfireThreshold);
    }

    [Fact]
    public void On_sqlite_the_node_never_clusters_even_when_asked()
    {
        using var services = Build(new() { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Portal"] = "Data Source=portal.db", ["Scheduler:Clustered"] = "true" });

        Assert.False(Get<ClusteringOptions>(services).Enabled);
    }

    [Fact]
    public void On_sql_server_clustering_and_schema_creation_follow_the_options()
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Portal"] = SqlServer,
            ["Scheduler:Clustered"] = "false",
            ["Scheduler:CreateSchemaIfMissing"] = "true",
        });

        Assert.False(Get<ClusteringOptions>(services).Enabled);
        Assert.Equal(SchemaProvisioning.CreateIfMissing, Get<AdoJobStoreOptions>(services).SchemaProvisioning);
    }

    [Theory]
    [InlineData(nameof(SchedulerOptions.OutboxSweepSeconds))]
    [InlineData(nameof(SchedulerOptions.QuotaNoticeSweepMinutes))]
    public void The_scheduler_options_reject_an_impossible_sweep_interval(string setting)
    {
        using var services = Build(new() { [$"Scheduler:{setting}"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SchedulerOptions>>().Value);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_low_quota_sweep_runs_every_five_minutes_unless_configured()
    {
        using var services = Build(new() { ["Scheduler:QuotaNoticeSweepMinutes"] = "2" });

        Assert.Equal(5, new SchedulerOptions().QuotaNoticeSweepMinutes);
        Assert.Equal(2, services.GetRequiredService<IOptions<SchedulerOptions>>().Value.QuotaNoticeSweepMinutes);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(NullLoggerProvider.Instance));
        services.AddPortalPersistence(configuration, Path.GetTempPath());
        services.AddPortalScheduling(configuration);
        return services.BuildServiceProvider();
    }

    private static T Get<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptionsMonitor<T>>().Get(Options.DefaultName);

    private static DataSourceOptions DataSource(IServiceProvider services)
    {
        var name = Get<AdoJobStoreOptions>(services).DataSource;
        return services.GetRequiredService<IOptionsMonitor<DataSourceOptions>>().Get(name);
    }
}
