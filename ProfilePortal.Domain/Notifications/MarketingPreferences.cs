using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Notifications;

/// <summary>What the unsubscribe page shows: whose address the link is for, and whether it is already unsubscribed.</summary>
public sealed record UnsubscribeTarget(string MaskedEmail, bool OptedOut);

/// <summary>Where an opt-out came from, for the audit trail.</summary>
public enum UnsubscribeChannel
{
    /// <summary>The button on the unsubscribe page.</summary>
    Page = 0,

    /// <summary>A mail client's RFC 8058 one-click POST to the <c>List-Unsubscribe</c> URL.</summary>
    OneClick = 1,
}

/// <summary>
/// Marketing email consent: the signed unsubscribe link every <see cref="IMarketingEmailModel"/> carries, and the
/// opt-out it records on the user without a sign-in. The dispatcher asks <see cref="IsOptedOutAsync"/> before it
/// sends any marketing message, so the opt-out holds for every later one, queued before or after it.
/// </summary>
public sealed partial class MarketingPreferences(
    IPortalDbContextFactory dbFactory,
    IUnsubscribeTokens tokens,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<MarketingPreferences> logger)
{
    /// <summary>The page (GET) and one-click endpoint (POST) of the link.</summary>
    public const string UnsubscribePath = "unsubscribe";

    public const string OptedOutAction = "user.marketing_opted_out";

    /// <summary>The absolute unsubscribe URL of <paramref name="userId"/>, for the email and its <c>List-Unsubscribe</c> header.</summary>
    public string UnsubscribeUrl(Guid userId) =>
        links.Value.Link($"{UnsubscribePath}?token={Uri.EscapeDataString(tokens.Issue(userId))}");

    /// <summary>Whose link <paramref name="token"/> is, without changing anything (mail scanners follow every GET).</summary>
    public async Task<Result<UnsubscribeTarget>> DescribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (tokens.Read(token) is not { } userId)
        {
            return UnsubscribeErrors.InvalidLink;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.MarketingOptOutAt })
            .FirstOrDefaultAsync(cancellationToken);
        return user?.Email is { } email
            ? new UnsubscribeTarget(Mask(email), user.MarketingOptOutAt is not null)
            : UnsubscribeErrors.InvalidLink;
    }

    /// <summary>
    /// Opts the user <paramref name="token"/> names out of marketing email, with an audit entry. A second opt-out
    /// succeeds and changes nothing; a bad token changes nothing and fails with <see cref="UnsubscribeErrors.InvalidLink"/>.
    /// </summary>
    public async Task<Result<UnsubscribeTarget>> UnsubscribeAsync(string? token, UnsubscribeChannel channel, CancellationToken cancellationToken = default)
    {
        if (tokens.Read(token) is not { } userId)
        {
            LogRefused(logger, channel);
            return UnsubscribeErrors.InvalidLink;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user?.Email is not { } email)
        {
            LogRefused(logger, channel);
            return UnsubscribeErrors.InvalidLink;
        }

        var now = clock.GetUtcNow();
        if (!user.OptOutOfMarketing(now))
        {
            return new UnsubscribeTarget(Mask(email), true);
        }

        db.AuditEntries.Add(AuditEntry.Record(
            userId, OptedOutAction, "user", userId.ToString(), null,
            FieldChange.Describe([new("MarketingOptOutAt", null, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), new("Channel", null, channel.ToString())]),
            now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel click (or the mail client's one-click POST) saved first: the user is opted out either way.
            return new UnsubscribeTarget(Mask(email), true);
        }

        LogOptedOut(logger, userId, channel);
        return new UnsubscribeTarget(Mask(email), true);
    }

    /// <summary>Whether the person at <paramref name="address"/> opted out of marketing email.</summary>
    public static Task<bool> IsOptedOutAsync(IPortalDbContext db, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(address);

        // Identity's lookup normalization, so the address matches however it was typed; the column is indexed.
        var normalized = address.Normalize().ToUpperInvariant();
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.MarketingOptOutAt != null, cancellationToken);
    }

    /// <summary>"a•••@example.com": enough for the owner to recognise, little for someone a link was forwarded to.</summary>
    internal static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "•••" : string.Concat(email.AsSpan(0, 1), "•••", email.AsSpan(at));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} opted out of marketing email ({Channel})")]
    private static partial void LogOptedOut(ILogger logger, Guid userId, UnsubscribeChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribe refused: the link is not valid ({Channel})")]
    private static partial void LogRefused(ILogger logger, UnsubscribeChannel channel);
}
