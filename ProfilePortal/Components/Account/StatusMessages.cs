using MudBlazor;

namespace ProfilePortal.Components.Account;

/// <summary>
/// The one-shot messages a page leaves for the next one through the status cookie. The cookie carries only
/// these resource keys, never text, so nothing from a request can end up on the page.
/// </summary>
internal static class StatusMessages
{
    public const string PasswordChanged = "Status.PasswordChanged";
    public const string UserNotFound = "Status.UserNotFound";

    private static readonly Dictionary<string, Severity> Known = new(StringComparer.Ordinal)
    {
        [PasswordChanged] = Severity.Success,
        [UserNotFound] = Severity.Error,
    };

    public static bool TryGetSeverity(string? key, out Severity severity)
    {
        severity = Severity.Info;
        return key is not null && Known.TryGetValue(key, out severity);
    }
}
