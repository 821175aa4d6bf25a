using ProfilePortal.Domain.LegacyImport;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal;

/// <summary>The <c>import-legacy</c> command: the old single-user accounts into the portal (docs/operations.md).</summary>
internal static partial class StartupCommands
{
    public static bool IsImportLegacy(string[] args) => args.Length > 0 && args[0] == "import-legacy";

    /// <summary>
    /// <c>dotnet ProfilePortal.dll import-legacy --file accounts.csv</c>: imports the file's accounts and prints every
    /// line's outcome. Exits 0 when the file was read (skipped lines included), 1 when it could not be read or the
    /// database needs the <c>migrate</c> command first. Running it again imports nothing twice.
    /// </summary>
    public static async Task<int> ImportLegacyAsync(WebApplication app, string[] args, TextWriter output)
    {
        var path = FileArgument(args);
        if (path is null)
        {
            await output.WriteLineAsync("Usage: import-legacy --file accounts.csv");
            return 1;
        }

        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"No such file: {path}");
            return 1;
        }

        if ((await app.Services.GetRequiredService<DatabaseMigrator>().GetPendingMigrationsAsync()).Count > 0)
        {
            await output.WriteLineAsync("The database schema is behind this release: run the 'migrate' command first.");
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var report = await scope.ServiceProvider.GetRequiredService<LegacyAccountImport>().ImportAsync(reader);
        await WriteReportAsync(report, output);
        return report.FileProblem is null ? 0 : 1;
    }

    internal static async Task WriteReportAsync(LegacyImportReport report, TextWriter output)
    {
        if (report.FileProblem is not null)
        {
            await output.WriteLineAsync(report.FileProblem);
            return;
        }

        foreach (var row in report.Rows)
        {
            var detail = row.Outcome == LegacyImportOutcome.Imported ? $"{row.Launches} launches" : row.Detail;
            await output.WriteLineAsync($"line {row.Line}: {Label(row.Outcome)} {row.Email} ({detail})");
        }

        await output.WriteLineAsync($"Imported {report.Imported}, skipped {report.Skipped}.");
    }

    private static string Label(LegacyImportOutcome outcome) => outcome switch
    {
        LegacyImportOutcome.Imported => "imported",
        LegacyImportOutcome.AlreadyImported => "skipped, already imported:",
        LegacyImportOutcome.ExistingUser => "skipped, existing user:",
        LegacyImportOutcome.DuplicateInFile => "skipped, duplicate in file:",
        LegacyImportOutcome.InvalidEmail => "skipped, invalid email:",
        LegacyImportOutcome.InvalidLaunches => "skipped, invalid launches:",
        LegacyImportOutcome.BadLine => "skipped, bad CSV line:",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static string? FileArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--file");
        return at > 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
