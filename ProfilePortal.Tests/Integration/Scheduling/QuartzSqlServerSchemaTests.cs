using Microsoft.SqlServer.TransactSql.ScriptDom;
using ProfilePortal.Infrastructure.Scheduling;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Scheduling;

/// <summary>
/// deploy/sql/quartz-sqlserver.sql is Quartz's own script for the Quartz version we reference. After a
/// Quartz upgrade, regenerate it: <c>PROFILEPORTAL_WRITE_QUARTZ_SCHEMA=1 dotnet test --filter QuartzSqlServerSchemaTests</c>.
/// </summary>
public sealed class QuartzSqlServerSchemaTests
{
    private static readonly string ArtifactPath = RepositoryFiles.PathOf(QuartzSqlServerSchema.ArtifactPath);

    [Fact]
    public void The_committed_script_is_the_one_embedded_in_the_referenced_quartz()
    {
        var expected = QuartzSqlServerSchema.Render();
        if (Environment.GetEnvironmentVariable("PROFILEPORTAL_WRITE_QUARTZ_SCHEMA") == "1")
        {
            File.WriteAllText(ArtifactPath, expected);
        }

        Assert.True(
            File.ReadAllText(ArtifactPath) == expected,
            $"{QuartzSqlServerSchema.ArtifactPath} differs from Quartz's embedded script; regenerate it (see this class's summary).");
    }

    [Fact]
    public void The_committed_script_parses_as_t_sql_without_errors()
    {
        using var reader = new StreamReader(ArtifactPath);

        var script = new TSql170Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        var statements = Assert.IsType<TSqlScript>(script).Batches.SelectMany(b => b.Statements).ToList();
        Assert.Contains(statements, s => s is IfStatement { ThenStatement: BeginEndBlockStatement });
        Assert.DoesNotContain(statements, s => s is DropTableStatement or DropIndexStatement);
    }

    [Fact]
    public void The_script_creates_every_table_quartz_reads_with_the_default_prefix()
    {
        var script = File.ReadAllText(ArtifactPath);

        foreach (var table in new[] { "JOB_DETAILS", "TRIGGERS", "SIMPLE_TRIGGERS", "CRON_TRIGGERS", "FIRED_TRIGGERS", "LOCKS", "SCHEDULER_STATE" })
        {
            Assert.Contains($"CREATE TABLE QRTZ_{table} (", script, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_migrate_command_runs_the_script_batch_by_batch_as_sqlcmd_would()
    {
        var batches = SchedulerSchemaMigrator.Batches(QuartzSqlServerSchema.Render());

        Assert.True(batches.Count > 20, $"{batches.Count} batches");
        Assert.All(batches, batch =>
        {
            Assert.DoesNotContain("\nGO\n", batch, StringComparison.Ordinal);
            new TSql170Parser(true).Parse(new StringReader(batch), out var errors);
            Assert.Empty(errors);
        });
    }
}
