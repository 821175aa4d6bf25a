using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Audit;

/// <summary>
/// What the audit log page filters by; every part is optional. <see cref="ActorEmail"/> matches part of the actor's
/// address, <see cref="ActionPrefix"/> the start of the action (e.g. <c>subscription.</c>); the period is
/// [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record AuditLogFilter(
    string? ActorEmail = null,
    string? ActionPrefix = null,
    string? TargetType = null,
    string? TargetId = null,
    Guid? OrganizationId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>One audit entry as the page shows it; <see cref="ActorEmail"/> is null for the system.</summary>
public sealed record AuditLogRow(
    Guid Id, DateTimeOffset OccurredAt, Guid? ActorUserId, string? ActorEmail, string Action, string TargetType, string TargetId,
    Guid? OrganizationId, IReadOnlyList<FieldChange> Changes);

public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, int TotalCount);

/// <summary>The audit trail for admins: filtered, newest first, one page at a time. Admins only, checked here too.</summary>
public sealed class AuditLogQuery(IPortalDbContextFactory dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<Result<AuditLogPage>> SearchAsync(
        Guid actorUserId, AuditLogFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            return Error.Forbidden();
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = Filter(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .OrderByDescending(a => a.OccurredAt)
            .ThenByDescending(a => a.Id)
            .Skip(Math.Max(page, 0) * size)
            .Take(size)
            .Select(a => new { Entry = a, Email = db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new AuditLogPage(
            [.. entries.Select(e => new AuditLogRow(
                e.Entry.Id, e.Entry.OccurredAt, e.Entry.ActorUserId, e.Email, e.Entry.Action, e.Entry.TargetType, e.Entry.TargetId,
                e.Entry.OrganizationId, ParseChanges(e.Entry.Changes)))],
            total);
    }

    /// <summary>
    /// The stored changes, <c>{"Field":{"from":"A","to":"B"}}</c>, as one row per field. A value that is not a string
    /// is shown as its JSON; a document of another shape is kept whole under the field "changes".
    /// </summary>
    public static IReadOnlyList<FieldChange> ParseChanges(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new("changes", null, json)];
            }

            var changes = new List<FieldChange>();
            foreach (var field in document.RootElement.EnumerateObject())
            {
                changes.Add(field.Value.ValueKind == JsonValueKind.Object
                    ? new FieldChange(field.Name, Text(field.Value, "from"), Text(field.Value, "to"))
                    : new FieldChange(field.Name, null, Text(field.Value)));
            }

            return changes;
        }
        catch (JsonException)
        {
            return [new("changes", null, json)];
        }
    }

    private static IQueryable<AuditEntry> Filter(IPortalDbContext db, AuditLogFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.ActorEmail?.Trim() is { Length: > 0 } email)
        {
            var normalized = email.ToUpperInvariant();
            query = query.Where(a => db.Users.Any(u => u.Id == a.ActorUserId && u.NormalizedEmail!.Contains(normalized)));
        }

        if (filter.ActionPrefix?.Trim() is { Length: > 0 } prefix)
        {
            query = query.Where(a => a.Action.StartsWith(prefix));
        }

        if (filter.TargetType?.Trim() is { Length: > 0 } type)
        {
            query = query.Where(a => a.TargetType == type);
        }

        if (filter.TargetId?.Trim() is { Length: > 0 } id)
        {
            query = query.Where(a => a.TargetId == id);
        }

        if (filter.OrganizationId is { } organization)
        {
            query = query.Where(a => a.OrganizationId == organization);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        return query;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Text(value) : null;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
