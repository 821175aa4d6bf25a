namespace ProfilePortal.Tests.Support;

/// <summary>Files of the repository the tests run from, found by walking up to the solution file.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProfilePortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The tests do not run inside the repository: ProfilePortal.sln not found.");
    }
}
