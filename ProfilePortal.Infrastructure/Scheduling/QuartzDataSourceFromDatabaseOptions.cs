using Microsoft.Extensions.Options;
using ProfilePortal.Infrastructure.Persistence;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// Points Quartz's data source at the app's database. Runs when Quartz first asks for its options, after
/// persistence resolved the connection string (<c>ConnectionStrings:Portal</c>, <c>DATABASE_URL</c> or the
/// SQLite default), so both always agree.
/// </summary>
internal sealed class QuartzDataSourceFromDatabaseOptions(IOptions<DatabaseOptions> database) : IPostConfigureOptions<DataSourceOptions>
{
    public void PostConfigure(string? name, DataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ConnectionString) && string.IsNullOrEmpty(options.ConnectionStringName))
        {
            options.ConnectionString = database.Value.ConnectionString;
        }
    }
}
