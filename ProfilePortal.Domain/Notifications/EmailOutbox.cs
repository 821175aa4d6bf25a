using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Notifications;

/// <summary>Queues email for delivery: renders the template now, stores it, and lets the dispatcher send it.</summary>
public sealed class EmailOutbox(IPortalDbContextFactory dbFactory, IEmailRenderer renderer, TimeProvider clock)
{
    public async Task<Guid> EnqueueAsync<TModel>(string toAddress, string language, TModel model, CancellationToken cancellationToken = default)
        where TModel : IEmailModel
    {
        var message = await ComposeAsync(toAddress, language, model, cancellationToken);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.EmailMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return message.Id;
    }

    /// <summary>
    /// Renders a message for the caller to add to its own context, so the email is queued in the same save as
    /// the change it reports (a receipt with its payment) or not at all.
    /// </summary>
    public async Task<EmailMessage> ComposeAsync<TModel>(string toAddress, string language, TModel model, CancellationToken cancellationToken = default)
        where TModel : IEmailModel
    {
        var normalized = SupportedLanguages.Normalize(language);
        var content = await renderer.RenderAsync(model, normalized, cancellationToken);
        return EmailMessage.Queue(TModel.Kind, toAddress, normalized, content, clock.GetUtcNow());
    }
}
