namespace ProfilePortal.Domain.Identity;

/// <summary>How a person is named on screen and in email: first and last name, or the email without them.</summary>
public static class PersonName
{
    public static string Display(string? firstName, string? lastName, string email) =>
        string.Join(' ', new[] { firstName, lastName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name
            ? name
            : email;
}
