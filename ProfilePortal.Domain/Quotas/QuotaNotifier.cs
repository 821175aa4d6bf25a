using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// "Email me when my quota runs low": finds the organizations that launched something since the last sweep,
/// and for each whose quota is now low or exhausted (the quota card's thresholds) queues one email per member
/// who asked for it, per quota period and level, in the member's language and time zone. Only organizations
/// with new launches are looked at, a batch of usage events at a time, so the cost follows the traffic, not
/// the number of users.
/// </summary>
public sealed partial class QuotaNotifier(
    IPortalDbContextFactory dbFactory,
    QuotaService quotas,
    EmailOutbox outbox,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<QuotaNotifier> logger)
{
    // The longest quota period is a month: a launch older than this counts in no current period.
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(31);

    /// <summary>Checks the organizations with launches since the watermark, <paramref name="batchSize"/> events at a time.</summary>
    public async Task<QuotaNoticeSweepResult> SweepAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var watermark = await ReadWatermarkAsync(cancellationToken);
        var since = clock.GetUtcNow() - LongestPeriod;
        var checkedOrganizations = new HashSet<Guid>();
        var queued = 0;
        var cursor = watermark.ReadFromEventId;
        while (true)
        {
            var events = await LaunchesAfterAsync(cursor, since, batchSize, cancellationToken);
            foreach (var organizationId in events.Select(e => e.OrganizationId).Distinct())
            {
                // An organization that launched all through the window appears in many batches; once is enough.
                if (checkedOrganizations.Add(organizationId))
                {
                    queued += await NotifyAsync(organizationId, cancellationToken);
                }
            }

            if (events.Count > 0)
            {
                cursor = events[^1].Id;
            }

            if (events.Count < batchSize)
            {
                break;
            }
        }

        await SaveWatermarkAsync(watermark, cursor, cancellationToken);
        return new QuotaNoticeSweepResult(checkedOrganizations.Count, queued);
    }

    /// <summary>
    /// Queues the notice of an organization's current level to every opted-in member who has not had it in this
    /// period. Returns how many emails were queued.
    /// </summary>
    public async Task<int> NotifyAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var quota = await quotas.GetFreshSnapshotAsync(organizationId, cancellationToken);
        // A paused organization can neither launch nor buy: a low-quota email would only confuse.
        if (quota is null || quota.Level == QuotaLevel.Ok || quota.IsPaused)
        {
            return 0;
        }

        var queued = 0;
        foreach (var recipient in await RecipientsAsync(organizationId, quota, cancellationToken))
        {
            if (await QueueAsync(organizationId, recipient, quota, cancellationToken))
            {
                queued++;
            }
        }

        return queued;
    }

    private async Task<QuotaNoticeWatermark> ReadWatermarkAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.QuotaNoticeWatermarks.AsNoTracking().SingleAsync(w => w.Id == QuotaNoticeWatermark.SingletonId, cancellationToken);
    }

    private async Task<List<LaunchRow>> LaunchesAfterAsync(long afterId, DateTimeOffset since, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.UsageEvents
            .AsNoTracking()
            .Where(e => e.Id > afterId && e.Launches > 0 && e.OccurredAt >= since)
            .OrderBy(e => e.Id)
            .Take(take)
            .Select(e => new LaunchRow(e.Id, e.OrganizationId))
            .ToListAsync(cancellationToken);
    }

    // Opted-in members with a confirmed address who have not had this level's notice in this period.
    private async Task<List<Recipient>> RecipientsAsync(Guid organizationId, QuotaSnapshot quota, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
            from m in db.Memberships
            where m.OrganizationId == organizationId
            join u in db.Users on m.UserId equals u.Id
            join o in db.Organizations on m.OrganizationId equals o.Id
            where u.NotifyWhenQuotaLow && u.EmailConfirmed && u.Email != null
                && !db.QuotaNotices.Any(n => n.OrganizationId == organizationId && n.UserId == u.Id
                    && n.PeriodStart == quota.PeriodStart && n.Level == quota.Level)
            orderby u.Id
            select new Recipient(u.Id, u.Email!, u.FirstName, u.LastName, u.TimeZone, u.PreferredLanguage, o.Name))
            .ToListAsync(cancellationToken);
    }

    // The notice and its email in one save: both or neither. When another sweep got there first, the unique
    // index refuses the notice and this one queues nothing.
    private async Task<bool> QueueAsync(Guid organizationId, Recipient recipient, QuotaSnapshot quota, CancellationToken cancellationToken)
    {
        var zone = TimeZones.Resolve(recipient.TimeZone);
        var model = new QuotaNoticeModel(
            PersonName.Display(recipient.FirstName, recipient.LastName, recipient.Email),
            recipient.OrganizationName,
            quota.Level,
            quota.Used,
            quota.Limit,
            quota.Available,
            TimeZoneInfo.ConvertTime(quota.ResetsAt, zone),
            zone.Id,
            links.Value.Link("profile"));
        var message = await outbox.PrepareAsync(recipient.Email, recipient.Language, model, cancellationToken);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.EmailMessages.Add(message);
        db.QuotaNotices.Add(QuotaNotice.Record(organizationId, recipient.UserId, quota, message.Id, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogQueued(message.Id, organizationId, quota.Level);
            return true;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!await WasNotifiedAsync(organizationId, recipient.UserId, quota, cancellationToken))
            {
                throw;
            }

            LogAlreadyNotified(organizationId, quota.Level);
            return false;
        }
    }

    private async Task<bool> WasNotifiedAsync(Guid organizationId, Guid userId, QuotaSnapshot quota, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.QuotaNotices.AnyAsync(
            n => n.OrganizationId == organizationId && n.UserId == userId && n.PeriodStart == quota.PeriodStart && n.Level == quota.Level,
            cancellationToken);
    }

    private async Task SaveWatermarkAsync(QuotaNoticeWatermark watermark, long lastEventId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.QuotaNoticeWatermarks.Attach(watermark);
        watermark.Advance(lastEventId, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another sweep moved it meanwhile; its position stands and the next sweep reads from there.
            LogWatermarkRace();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quota notice {MessageId} queued for organization {OrganizationId} at level {Level}")]
    private partial void LogQueued(Guid messageId, Guid organizationId, QuotaLevel level);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Organization {OrganizationId}: another sweep queued the {Level} notice first")]
    private partial void LogAlreadyNotified(Guid organizationId, QuotaLevel level);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another quota notice sweep moved the watermark meanwhile")]
    private partial void LogWatermarkRace();

    private sealed record LaunchRow(long Id, Guid OrganizationId);

    private sealed record Recipient(
        Guid UserId, string Email, string? FirstName, string? LastName, string? TimeZone, string Language, string OrganizationName);
}

/// <summary>What one sweep did, for logs and tests.</summary>
/// <param name="Organizations">Organizations with new launches whose quota was checked.</param>
/// <param name="Queued">Emails queued.</param>
public sealed record QuotaNoticeSweepResult(int Organizations, int Queued);
