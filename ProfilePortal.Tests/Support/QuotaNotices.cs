using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Tests.Support;

/// <summary>Test helpers for the low-quota email: launches, a sweep, and what it left in the database.</summary>
public static class QuotaNotices
{
    /// <summary>Plays the ML platform: <paramref name="count"/> training runs, one a second, the newest now.</summary>
    public static async Task LaunchAsync(this PortalServices portal, Guid organizationId, int count)
    {
        var now = portal.Clock.GetUtcNow();
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        for (var i = 0; i < count; i++)
        {
            db.UsageEvents.Add(UsageEvent.Record(organizationId, null, UsageEventKind.TrainingRun, $"run {i}", 1, now.AddSeconds(-i)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>One sweep in small batches, so that every test crosses batch boundaries.</summary>
    public static Task<QuotaNoticeSweepResult> SweepQuotaNoticesAsync(this PortalServices portal) =>
        portal.Get<QuotaNotifier>().SweepAsync(batchSize: 7);

    /// <summary>The low-quota emails queued for <paramref name="user"/>, oldest first.</summary>
    public static async Task<List<EmailMessage>> QuotaMailToAsync(this PortalServices portal, ApplicationUser user)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var mail = await db.EmailMessages.AsNoTracking()
            .Where(m => m.ToAddress == user.Email && m.Kind == QuotaNoticeModel.Kind)
            .ToListAsync();
        return [.. mail.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)];
    }

    public static async Task<List<QuotaNotice>> QuotaNoticesOfAsync(this PortalServices portal, ApplicationUser user)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var notices = await db.QuotaNotices.AsNoTracking().Where(n => n.UserId == user.Id).ToListAsync();
        return [.. notices.OrderBy(n => n.PeriodStart).ThenBy(n => n.Level)];
    }
}
