namespace ProfilePortal.Configuration;

/// <summary>
/// Secrets mounted as files (a Kubernetes secret volume, Docker secrets): when <c>SECRETS_PATH</c> names a directory,
/// each file in it is one setting, named like its environment variable (<c>ConnectionStrings__Portal</c>) and holding
/// the value. They win over environment variables. A configured directory that does not exist stops the start.
/// </summary>
internal static class SecretFiles
{
    public const string PathSetting = "SECRETS_PATH";

    public static void AddSecretFiles(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[PathSetting] is { Length: > 0 } path)
        {
            // A Kubernetes secret volume also holds its own "..data" entries; the file provider leaves dot-names out.
            builder.Configuration.AddKeyPerFile(path, optional: false);
        }
    }
}
