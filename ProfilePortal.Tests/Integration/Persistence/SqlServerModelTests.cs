using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using ProfilePortal.Domain;
using ProfilePortal.Infrastructure;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Persistence;

/// <summary>
/// SQL Server cannot run here, so its side is checked without a server: the model matches the migrations,
/// and the deployment script the migrations produce is valid T-SQL.
/// </summary>
public sealed class SqlServerModelTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services;

    public SqlServerModelTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Portal"] = "Server=sql.invalid;Database=ProfilePortal;User Id=portal;Password=not-used;TrustServerCertificate=True",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDomain();
        services.AddInfrastructure(configuration, new TestHostEnvironment(_directory.Path));
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_sql_server_model_has_no_changes_missing_from_its_migrations()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        Assert.IsType<SqlServerPortalDbContext>(db);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the model changed without a migration.");
    }

    [Fact]
    public async Task The_idempotent_deployment_script_is_valid_t_sql()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Subscriptions]", script, StringComparison.Ordinal);
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);
        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }
}
