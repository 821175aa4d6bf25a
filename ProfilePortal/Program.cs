using ProfilePortal;
using ProfilePortal.Configuration;
using ProfilePortal.Domain;
using ProfilePortal.Infrastructure;

if (StartupCommands.IsHealthProbe(args))
{
    return await StartupCommands.ProbeHealthAsync();
}

var builder = WebApplication.CreateBuilder(args);

// Before anything reaches the database or sends mail, including the migrate and import commands.
builder.AddSecretFiles();
builder.RefuseUnsafeSecrets();

builder.AddPortalLogging();
builder.Services.AddDomain();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddPortalWeb(builder.Configuration);

var app = builder.Build();

if (StartupCommands.IsMigrate(args))
{
    return await StartupCommands.MigrateAsync(app, args, Console.Out);
}

if (StartupCommands.IsRestore(args))
{
    return await StartupCommands.RestoreAsync(app, args, Console.Out);
}

if (StartupCommands.IsImportLegacy(args))
{
    return await StartupCommands.ImportLegacyAsync(app, args, Console.Out);
}

await app.PrepareDatabaseAsync();
app.UsePortalPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
