using Microsoft.AspNetCore.Components;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Email.Templates;

/// <summary>
/// The base of every email template: one component per model type, found by the renderer through this
/// base class. A template wraps its content in <see cref="EmailLayout"/> and picks its strings by
/// <see cref="Language"/>.
/// </summary>
public abstract class EmailTemplate<TModel> : ComponentBase
    where TModel : IEmailModel
{
    /// <summary>The data of the email; user-typed values in it are encoded by Razor like any other text.</summary>
    [Parameter]
    [EditorRequired]
    public TModel Model { get; set; } = default!;

    /// <summary>A supported two-letter language, already normalized by the outbox.</summary>
    [Parameter]
    [EditorRequired]
    public string Language { get; set; } = SupportedLanguages.Default;

    /// <summary>The part being rendered.</summary>
    [Parameter]
    public EmailFormat Format { get; set; } = EmailFormat.Html;

    protected bool IsEnglish => Language == SupportedLanguages.English;
}
