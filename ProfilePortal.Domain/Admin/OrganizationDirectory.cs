using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// The admins' organization directory (issue 8): a prefix search over organization names and their members, in
/// name order, and one organization's page with all its members, billing and quota. Deleted organizations are found
/// too, marked as such, since their accounting stays. Admins only, checked in the database on every call; reads are
/// not audited. Every search term is an index range, as in <see cref="CustomerDirectory"/> (ADR-015).
/// </summary>
public sealed partial class OrganizationDirectory(IPortalDbContextFactory dbFactory, QuotaService quotas, ILogger<OrganizationDirectory> logger)
{
    public const int MaxPageSize = 100;

    /// <summary>How many members a row of the list names.</summary>
    public const int RowMemberLimit = 3;

    /// <summary>A page of organizations matching <paramref name="query"/>, and how many match in all.</summary>
    public async Task<Result<OrganizationPage>> SearchAsync(Guid adminUserId, OrganizationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminUserId, logger, "search organizations", cancellationToken) is { } denied)
        {
            return denied;
        }

        await db.KeepConnectionOpenAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var matches = Matching(db, query.Text);
        var total = await matches.CountAsync(cancellationToken);
        var rows = await matches
            .OrderBy(o => o.NormalizedName).ThenBy(o => o.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.IsPersonal,
                o.CreatedAt,
                o.DeletedAt,
                Subscription = db.Subscriptions.Where(s => s.OrganizationId == o.Id).Select(s => new { s.PlanCode, s.Status }).FirstOrDefault(),
                MemberCount = db.Memberships.Count(m => m.OrganizationId == o.Id),
                // The first members per organization (a window over the page's memberships; SQLite has no APPLY).
                Members = o.Members
                    .OrderBy(m => m.Role == OrganizationRole.Owner ? 0 : m.Role == OrganizationRole.Admin ? 1 : 2)
                    .ThenBy(m => m.JoinedAt)
                    .Take(RowMemberLimit)
                    .Select(m => new { m.UserId, m.Role })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var userIds = rows.SelectMany(o => o.Members).Select(m => m.UserId).Distinct().ToList();
        var emails = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? string.Empty, cancellationToken);
        return new OrganizationPage(
            [.. rows.Select(o => new OrganizationRow(
                o.Id, o.Name, o.IsPersonal, o.CreatedAt, o.DeletedAt, o.Subscription?.PlanCode, o.Subscription?.Status, o.MemberCount,
                [.. o.Members.Select(m => new OrganizationRowMember(m.UserId, emails.GetValueOrDefault(m.UserId, string.Empty), m.Role))]))],
            total);
    }

    /// <summary>The page of organization <paramref name="organizationId"/>; not found when there is no such organization.</summary>
    public async Task<Result<OrganizationDetails>> GetAsync(Guid adminUserId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminUserId, logger, "view an organization", cancellationToken) is { } denied)
        {
            return denied;
        }

        await db.KeepConnectionOpenAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return Error.NotFound("organization");
        }

        var account = await CustomerAccounts.ReadAsync(db, organizationId, CustomerDirectory.ListLimit, cancellationToken);
        var quota = await quotas.GetFreshSnapshotAsync(organizationId, cancellationToken);
        return new OrganizationDetails(
            organization.Id, organization.Name, organization.IsPersonal, organization.CreatedAt, organization.DeletedAt,
            new CustomerOrganization(
                organization.Id, organization.Name, organization.IsPersonal, Role: null, account.Members, account.MemberCount,
                account.Subscription, account.History, account.Payments, quota, account.Grants));
    }

    /// <summary>The organizations whose name, or a member's email, first or last name or company, starts with the text.</summary>
    internal static IQueryable<Organization> Matching(IPortalDbContext db, string? text)
    {
        var organizations = db.Organizations.AsNoTracking();
        var prefix = SearchKey.Normalize(text);
        if (prefix is null)
        {
            return organizations;
        }

        var upper = SearchKey.UpperBound(prefix);
        var members = CustomerDirectory.UserIdsMatching(db, prefix, upper);
        var ids = CustomerDirectory.OrganizationsNamed(db, prefix, upper).Select(o => o.Id)
            .Union(db.Memberships.Where(m => members.Contains(m.UserId)).Select(m => m.OrganizationId));
        return organizations.Where(o => ids.Contains(o.Id));
    }
}
