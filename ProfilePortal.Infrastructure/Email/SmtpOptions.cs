using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>How the connection to the mail server is secured; mirrors MailKit's choices.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: a local mail catcher (maildev, mailpit) only.</summary>
    None = 0,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; fails if the server cannot.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect = 2,

    /// <summary>TLS on port 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto = 3,
}

/// <summary>The <c>Smtp</c> section. The defaults reach a mail catcher on this machine (maildev's SMTP port).</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1025;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    /// <summary>Sign in with these credentials when set; leave both empty for a server without auth.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "no-reply@profileportal.local";

    [Required]
    public string FromName { get; set; } = "ProfilePortal";

    /// <summary>Per network operation (connect, each command); keep it well below the dispatcher's claim lease.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The domain of <see cref="FromAddress"/>: the right-hand side of every Message-Id we send.</summary>
    public string MessageIdDomain => FromAddress[(FromAddress.LastIndexOf('@') + 1)..];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult(
                "Set both Smtp:UserName and Smtp:Password, or neither.",
                [nameof(UserName), nameof(Password)]);
        }
    }
}
