using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Tests.Support;

/// <summary>Test helpers over the outbox table of a <see cref="PortalServices"/> database.</summary>
public static class Outbox
{
    public static RenderedEmail Content(string subject = "Subject") => new(subject, "<p>Body</p>", "Body\n");

    /// <summary>Stores a pending message due now, as the outbox would after rendering.</summary>
    public static async Task<EmailMessage> QueueAsync(this PortalServices portal, string? to = null, string? unsubscribeUrl = null)
    {
        var message = EmailMessage.Queue(
            "test",
            to ?? Builders.UniqueEmail("outbox"),
            "en",
            Content() with { UnsubscribeUrl = unsubscribeUrl },
            portal.Clock.GetUtcNow());
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.EmailMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    public static async Task<EmailMessage> ReloadAsync(this PortalServices portal, Guid id)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.EmailMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public static async Task<List<EmailMessage>> OutboxAsync(this PortalServices portal)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.EmailMessages.AsNoTracking().ToListAsync();
    }

    /// <summary>Empties the table, so each test of a class sees only its own messages.</summary>
    public static async Task ClearOutboxAsync(this PortalServices portal)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        await db.EmailMessages.ExecuteDeleteAsync();
    }
}
