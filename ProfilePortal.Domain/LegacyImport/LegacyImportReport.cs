namespace ProfilePortal.Domain.LegacyImport;

/// <summary>What became of one line of the legacy accounts file.</summary>
public enum LegacyImportOutcome
{
    Imported,
    AlreadyImported,
    ExistingUser,
    DuplicateInFile,
    InvalidEmail,
    InvalidLaunches,
    BadLine,
}

/// <summary>One line's outcome; <see cref="Detail"/> says why a line was skipped.</summary>
public sealed record LegacyImportRow(int Line, string? Email, LegacyImportOutcome Outcome, int Launches = 0, string? Detail = null);

/// <summary>The whole file's outcome, line by line, or the reason it was not read at all.</summary>
public sealed record LegacyImportReport(IReadOnlyList<LegacyImportRow> Rows, string? FileProblem = null)
{
    public int Imported => Rows.Count(r => r.Outcome == LegacyImportOutcome.Imported);

    public int Skipped => Rows.Count - Imported;
}
