using Microsoft.Data.Sqlite;

namespace ProfilePortal.Tests.Support;

/// <summary>A directory under the system temp folder, removed with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "profileportal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // SQLite keeps pooled connections (and so file handles) open; release them before deleting.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
