namespace ProfilePortal.Infrastructure.Identity;

/// <summary>
/// The first admin, created on first start when set (<c>Admin:Email</c>/<c>Admin:Password</c>, or
/// <c>ADMIN_EMAIL</c>/<c>ADMIN_PASSWORD</c>). Changing them later creates no second admin and resets nothing.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
