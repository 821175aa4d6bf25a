using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Infrastructure.Email.Templates;

/// <summary>Which part of an email a template renders: each template is rendered once per part.</summary>
public enum EmailFormat
{
    Subject = 0,
    Html = 1,

    /// <summary>Plain text: the renderer decodes the output and tidies the blank lines.</summary>
    Text = 2,
}

/// <summary>Cascaded by <see cref="EmailLayout"/> to the building blocks inside a template.</summary>
public sealed record EmailContext(EmailFormat Format, string Language)
{
    public bool IsEnglish => Language == SupportedLanguages.English;
}
