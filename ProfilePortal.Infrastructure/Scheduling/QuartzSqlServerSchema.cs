using System.Text;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// Quartz's own SQL Server schema script, as the deployment artifact <c>deploy/sql/quartz-sqlserver.sql</c>.
/// The script ships inside Quartz.dll; taking it from there keeps the tables exactly what this Quartz
/// version validates at start-up.
/// </summary>
internal static class QuartzSqlServerSchema
{
    public const string TablePrefix = "QRTZ_";

    /// <summary>Where the artifact lives, relative to the repository root.</summary>
    public const string ArtifactPath = "deploy/sql/quartz-sqlserver.sql";

    private const string ResourceName = "Quartz.Impl.AdoJobStore.Schema.create_sqlServer.sql";

    // Quartz splits the embedded script on this line itself; sqlcmd and SSMS split on GO.
    private const string QuartzSeparator = "--;;";

    /// <summary>The script with the table prefix filled in and GO between statements.</summary>
    public static string Render()
    {
        var quartz = typeof(IScheduler).Assembly;
        using var stream = quartz.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Quartz no longer embeds {ResourceName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var body = reader.ReadToEnd()
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefix, StringComparison.Ordinal);
        var lines = body.Split('\n').Select(line => line == QuartzSeparator ? "GO" : line);

        var version = quartz.GetName().Version?.ToString(3);
        return $"""
            -- ProfilePortal: the Quartz.NET {version} schema for SQL Server. A deployment step: apply it before the
            -- app starts, e.g. `sqlcmd -S <server> -d <database> -i deploy/sql/quartz-sqlserver.sql`. The app only
            -- validates these tables on SQL Server (unless Scheduler:CreateSchemaIfMissing is on).
            -- Generated from the create_sqlServer.sql embedded in Quartz.dll, with the table prefix {TablePrefix} filled in
            -- and GO between statements. Safe to run again: it creates what is missing and drops nothing.
            -- Do not edit: QuartzSqlServerSchemaTests says how to regenerate it after a Quartz upgrade.

            """ + string.Join('\n', lines).TrimEnd() + "\nGO\n";
    }
}
