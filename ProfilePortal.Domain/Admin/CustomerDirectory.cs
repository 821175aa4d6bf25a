using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

using E = System.Linq.Expressions.Expression;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// The admins' customer directory: a prefix search over email, name, company and organization name with sorted
/// pages, and one customer's full picture. Admins only, checked in the database on every call; a refused call reads
/// nothing else. Reads are not audited (they change nothing); the actions taken from the customer page are.
/// </summary>
/// <remarks>
/// Every search term is an index range on a normalized key (<see cref="SearchKey"/>), and the matches of the five
/// fields are a UNION of those ranges, so a search costs index seeks, not a scan of the users (ADR-015).
/// </remarks>
public sealed partial class CustomerDirectory(IPortalDbContextFactory dbFactory, QuotaService quotas, ILogger<CustomerDirectory> logger)
{
    public const int MaxPageSize = 100;

    /// <summary>How many of each list the customer page gets: the latest ones.</summary>
    public const int ListLimit = 50;

    /// <summary>How many organizations of one customer the page shows.</summary>
    public const int OrganizationLimit = 10;

    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    /// <summary>A page of customers matching <paramref name="query"/>, and how many match in all.</summary>
    public async Task<Result<CustomerPage>> SearchAsync(Guid adminUserId, CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminUserId, logger, "search customers", cancellationToken) is { } denied)
        {
            return denied;
        }

        await db.KeepConnectionOpenAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var matches = Matching(db, query.Text);
        var total = await matches.CountAsync(cancellationToken);
        var users = await Sorted(matches, query.Sort, query.Descending)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(u => new { u.Id, u.Email, u.FirstName, u.LastName, u.Company, u.CreatedAt })
            .ToListAsync(cancellationToken);

        var ids = users.Select(u => u.Id).ToList();
        var organizations = (await db.Memberships.AsNoTracking()
                .Where(m => ids.Contains(m.UserId))
                .Select(m => new
                {
                    m.UserId,
                    m.JoinedAt,
                    m.Organization!.IsPersonal,
                    m.Organization.Name,
                    Subscription = db.Subscriptions.Where(s => s.OrganizationId == m.OrganizationId).Select(s => new { s.PlanCode, s.Status }).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.UserId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.IsPersonal).ThenBy(m => m.JoinedAt).First());

        var rows = users.Select(u =>
        {
            var organization = organizations.GetValueOrDefault(u.Id);
            return new CustomerRow(
                u.Id, u.Email ?? string.Empty, u.FirstName, u.LastName, u.Company,
                organization?.Name, organization?.Subscription?.PlanCode, organization?.Subscription?.Status, u.CreatedAt);
        }).ToList();
        return new CustomerPage(rows, total);
    }

    /// <summary>The customer page of <paramref name="userId"/>; not found when there is no such user.</summary>
    public async Task<Result<CustomerDetails>> GetCustomerAsync(Guid adminUserId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminUserId, logger, "view a customer", cancellationToken) is { } denied)
        {
            return denied;
        }

        await db.KeepConnectionOpenAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("customer");
        }

        var profile = new CustomerProfile(
            user.Id, user.Email ?? string.Empty, user.EmailConfirmed, user.FirstName, user.LastName, user.Company, user.Country, user.TimeZone,
            user.PhoneNumber, user.PreferredLanguage, user.CreatedAt, user.LockoutEnd, user.TrialUsed,
            await SiteAdmins.IsAdminAsync(db, user.Id, cancellationToken));

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderByDescending(m => m.Organization!.IsPersonal)
            .ThenBy(m => m.JoinedAt)
            .Take(OrganizationLimit)
            .Select(m => new { m.OrganizationId, m.Role, m.Organization!.Name, m.Organization.IsPersonal })
            .ToListAsync(cancellationToken);
        var organizations = new List<CustomerOrganization>();
        foreach (var membership in memberships)
        {
            var account = await CustomerAccounts.ReadAsync(db, membership.OrganizationId, ListLimit, cancellationToken);
            var quota = await quotas.GetFreshSnapshotAsync(membership.OrganizationId, cancellationToken);
            organizations.Add(new CustomerOrganization(
                membership.OrganizationId, membership.Name, membership.IsPersonal, membership.Role, account.Members, account.MemberCount,
                account.Subscription, account.History, account.Payments, quota, account.Grants));
        }

        var activity = await ActivityFeed.LoadAsync((DbContext)db, userId, DateTimeOffset.MinValue, null, ListLimit, cancellationToken: cancellationToken);
        var emails = string.IsNullOrEmpty(user.Email)
            ? []
            : await db.EmailMessages.AsNoTracking()
                .Where(m => m.ToAddress == user.Email)
                .OrderByDescending(m => m.CreatedAt)
                .Take(ListLimit)
                .Select(m => new CustomerEmail(m.CreatedAt, m.Kind, m.Subject, m.Status, m.SentAt))
                .ToListAsync(cancellationToken);
        var signals = await db.FraudSignalAccounts.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderByDescending(a => a.StartedAt)
            .Take(ListLimit)
            .Join(db.FraudSignals, a => a.SignalId, s => s.Id, (a, s) => new CustomerFraudSignal(s.Id, s.Kind, s.Key, s.Status, a.StartedAt))
            .ToListAsync(cancellationToken);

        return new CustomerDetails(profile, organizations, activity, emails, signals);
    }

    /// <summary>The users whose email, first or last name, company or an organization's name starts with the text.</summary>
    internal static IQueryable<ApplicationUser> Matching(IPortalDbContext db, string? text)
    {
        var users = db.Users.AsNoTracking();
        var prefix = SearchKey.Normalize(text);
        if (prefix is null)
        {
            return users;
        }

        var upper = SearchKey.UpperBound(prefix);
        var ids = UserIdsMatching(db, prefix, upper)
            .Union(OrganizationsNamed(db, prefix, upper).Join(db.Memberships, o => o.Id, m => m.OrganizationId, (o, m) => m.UserId));
        return users.Where(u => ids.Contains(u.Id));
    }

    /// <summary>The ids of the users whose email, first or last name or company starts with <paramref name="prefix"/>.</summary>
    internal static IQueryable<Guid> UserIdsMatching(IPortalDbContext db, string prefix, string? upper)
    {
        var users = db.Users.AsNoTracking();
        return users.Where(Range<ApplicationUser>(u => u.NormalizedEmail, prefix, upper)).Select(u => u.Id)
            .Union(users.Where(Range<ApplicationUser>(u => u.NormalizedFirstName, prefix, upper)).Select(u => u.Id))
            .Union(users.Where(Range<ApplicationUser>(u => u.NormalizedLastName, prefix, upper)).Select(u => u.Id))
            .Union(users.Where(Range<ApplicationUser>(u => u.NormalizedCompany, prefix, upper)).Select(u => u.Id));
    }

    /// <summary>The organizations whose name starts with <paramref name="prefix"/>.</summary>
    internal static IQueryable<Organization> OrganizationsNamed(IPortalDbContext db, string prefix, string? upper) =>
        db.Organizations.AsNoTracking().Where(Range<Organization>(o => o.NormalizedName, prefix, upper));

    internal static IQueryable<ApplicationUser> Sorted(IQueryable<ApplicationUser> users, CustomerSort sort, bool descending) => (sort, descending) switch
    {
        (CustomerSort.Email, false) => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
        (CustomerSort.Email, true) => users.OrderByDescending(u => u.NormalizedEmail).ThenByDescending(u => u.Id),
        (CustomerSort.Name, false) => users.OrderBy(u => u.NormalizedLastName).ThenBy(u => u.NormalizedFirstName).ThenBy(u => u.Id),
        (CustomerSort.Name, true) => users.OrderByDescending(u => u.NormalizedLastName).ThenByDescending(u => u.NormalizedFirstName).ThenByDescending(u => u.Id),
        (CustomerSort.Company, false) => users.OrderBy(u => u.NormalizedCompany).ThenBy(u => u.Id),
        (CustomerSort.Company, true) => users.OrderByDescending(u => u.NormalizedCompany).ThenByDescending(u => u.Id),
        (CustomerSort.Created, false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
        (CustomerSort.Created, true) => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
    };

    /// <summary>
    /// <c>key &gt;= prefix AND key &lt; upper AND key LIKE 'prefix%'</c>: the range is what the index seeks; the LIKE
    /// keeps the answer exact where a column's collation is not ordinal (Identity's email key on SQL Server).
    /// </summary>
    private static Expression<Func<T, bool>> Range<T>(Expression<Func<T, string?>> key, string prefix, string? upper)
    {
        var column = key.Body;
        var low = Captured(prefix);
        var body = E.AndAlso(
            E.GreaterThanOrEqual(E.Call(StringCompare, column, low), E.Constant(0)),
            E.Call(column, StringStartsWith, low));
        if (upper is not null)
        {
            body = E.AndAlso(body, E.LessThan(E.Call(StringCompare, column, Captured(upper)), E.Constant(0)));
        }

        return E.Lambda<Func<T, bool>>(body, key.Parameters);
    }

    // A captured value becomes a query parameter, so every search shares one cached plan.
    private static MemberExpression Captured(string value) => E.Property(E.Constant(new Box(value)), nameof(Box.Value));

    private sealed record Box(string Value);
}
