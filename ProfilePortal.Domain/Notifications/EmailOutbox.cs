using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Notifications;

/// <summary>Queues email for delivery: renders the template now, stores it, and lets the dispatcher send it.</summary>
public sealed class EmailOutbox(IPortalDbContextFactory dbFactory, IEmailRenderer renderer, TimeProvider clock)
{
    public async Task<Guid> EnqueueAsync<TModel>(string toAddress, string language, TModel model, CancellationToken cancellationToken = default)
        where TModel : IEmailModel
    {
        var message = await PrepareAsync(toAddress, language, model, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.EmailMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return message.Id;
    }

    /// <summary>
    /// Renders the message without storing it, for a caller that adds it to its own context and saves it in
    /// the same <c>SaveChanges</c> as the change that causes it.
    /// </summary>
    public async Task<EmailMessage> PrepareAsync<TModel>(string toAddress, string language, TModel model, CancellationToken cancellationToken = default)
        where TModel : IEmailModel
    {
        var normalized = SupportedLanguages.Normalize(language);
        var content = await renderer.RenderAsync(model, normalized, cancellationToken);
        return EmailMessage.Queue(TModel.Kind, toAddress, normalized, content, clock.GetUtcNow());
    }
}
