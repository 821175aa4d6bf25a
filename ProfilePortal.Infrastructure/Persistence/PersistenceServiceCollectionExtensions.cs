using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";

    /// <summary>
    /// Registers the provider chosen by <c>Database:Provider</c>: a pooled context factory (one context per
    /// operation; pooling saves setting each one up, which matters on every page load)
    /// and a scoped context for Identity and Data Protection, which expect one per request. Interceptors
    /// registered as <see cref="IInterceptor"/> (e.g. a test's command counter) join every context.
    /// </summary>
    public static IServiceCollection AddPortalPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var options = ResolveDatabaseOptions(configuration, contentRootPath);
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                o.Provider = options.Provider;
                o.ConnectionString = options.ConnectionString;
                o.MigrateOnStartup = options.MigrateOnStartup;
                o.SeedDemoData = options.SeedDemoData;
                o.BackupDirectory = options.BackupDirectory;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(options.ConnectionString);
                services.AddPooledDbContextFactory<SqlitePortalDbContext>((sp, o) => o.UseSqlite(options.ConnectionString, PortalDatabase.ConfigureSqlite).AddInterceptors(sp.GetServices<IInterceptor>()));
                AddNeutralRegistrations<SqlitePortalDbContext>(services);
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerPortalDbContext>((sp, o) => o.UseSqlServer(options.ConnectionString, PortalDatabase.ConfigureSqlServer).AddInterceptors(sp.GetServices<IInterceptor>()));
                AddNeutralRegistrations<SqlServerPortalDbContext>(services);
                break;
            default:
                throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), [$"Unknown database provider {options.Provider}."]);
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<DatabaseUpgrade>();
        return services;
    }

    /// <summary>
    /// Reads the section and the connection string: <c>ConnectionStrings:Portal</c>, else <c>DATABASE_URL</c>,
    /// else (SQLite only) a file in the app's <c>App_Data</c> folder.
    /// </summary>
    public static DatabaseOptions ResolveDatabaseOptions(IConfiguration configuration, string contentRootPath)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = configuration["DATABASE_URL"];
        }

        if (string.IsNullOrWhiteSpace(connectionString) && options.Provider == DatabaseProvider.Sqlite)
        {
            connectionString = $"Data Source={Path.Combine(contentRootPath, "App_Data", "profileportal.db")}";
        }

        options.ConnectionString = connectionString ?? string.Empty;
        return options;
    }

    private static void AddNeutralRegistrations<TContext>(IServiceCollection services)
        where TContext : PortalDbContext
    {
        services.AddSingleton<PortalDbContextFactory<TContext>>();
        services.AddSingleton<IPortalDbContextFactory>(sp => sp.GetRequiredService<PortalDbContextFactory<TContext>>());
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp => sp.GetRequiredService<PortalDbContextFactory<TContext>>());
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
