namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// The signed token of an unsubscribe link: it names one user and cannot be forged or altered without the
/// server's keys. It does not expire: an old email's link keeps working.
/// </summary>
public interface IUnsubscribeTokens
{
    /// <summary>A URL-safe token naming <paramref name="userId"/>.</summary>
    string Issue(Guid userId);

    /// <summary>The user a token names, or null for a missing, cut, altered or foreign token.</summary>
    Guid? Read(string? token);
}
