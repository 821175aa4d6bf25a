using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Profile;

/// <summary>
/// The profile use cases: load the page (profile, quota, activity in three database round trips), read the
/// profile, and edit it with validation, conflict detection, an audit entry and an activity event.
/// A user only ever reaches their own profile, and the activity of an organization they are a member of: every method
/// takes the signed-in user's id.
/// </summary>
public sealed class ProfileService(
    IPortalDbContextFactory dbFactory,
    QuotaService quotas,
    OrganizationProvisioning provisioning,
    IOptions<ProfileOptions> options,
    ProfileMetrics metrics,
    TimeProvider clock)
{
    public async Task<Result<ProfilePage>> LoadPageAsync(Guid userId, int activityLimit = ActivityFeed.PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // One connection for the three queries: opening one (and registering the provider's SQL functions on it)
        // costs as much as a query.
        await db.KeepConnectionOpenAsync(cancellationToken);
        var row = await ReadAsync(db, userId, cancellationToken);
        if (row is null)
        {
            return Error.NotFound("profile");
        }

        var quota = await quotas.GetSnapshotAsync(db, row.Basis, cancellationToken);
        var since = clock.GetUtcNow().AddDays(-options.Value.ActivityWindowDays);
        // The organization's feed, every member's launches included: ProfileQuery only returns an organization the
        // user is a member of.
        var activity = await ActivityFeed.LoadPageAsync((DbContext)db, userId, since, before: null, activityLimit, row.Basis.OrganizationId, cancellationToken);
        metrics.Viewed();
        metrics.ActivityEventsShown(activity.Items.Count);
        return new ProfilePage(row.Profile, quota, activity.Items, activity.HasMore);
    }

    /// <summary>
    /// "Show more": the next page of the timeline, older than <paramref name="before"/> (the instant of the last item
    /// shown: a page never splits an instant, <see cref="ActivityFeed.LoadPageAsync"/>). With
    /// <paramref name="organizationId"/> (the organization the page shows) it is that organization's feed, every
    /// member's launches included, so the user must be a member of it (else forbidden); without one, only the user's
    /// own events.
    /// </summary>
    public async Task<Result<ActivityPage>> LoadActivityAsync(
        Guid userId, DateTimeOffset before, int take = ActivityFeed.PageSize, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (organizationId is { } organization
            && !await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == organization && m.Organization!.DeletedAt == null, cancellationToken))
        {
            return Error.Forbidden();
        }

        var since = clock.GetUtcNow().AddDays(-options.Value.ActivityWindowDays);
        var page = await ActivityFeed.LoadPageAsync((DbContext)db, userId, since, before, take, organizationId, cancellationToken);
        metrics.ActivityEventsShown(page.Items.Count);
        return page;
    }

    /// <summary>The error of an edit that met someone else's save; the page reloads the profile when it sees it.</summary>
    public static Error Conflict { get; } = Error.Conflict("profile");

    /// <summary>The time zones a profile may choose: every IANA zone, or the configured whitelist.</summary>
    public IReadOnlyList<string> TimeZoneChoices() => TimeZones.Choices(Whitelist);

    public async Task<Result<ProfileView>> GetAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await ReadAsync(db, userId, cancellationToken) is { } row ? row.Profile : Error.NotFound("profile");
    }

    /// <summary>
    /// Saves an edit made on <paramref name="expectedVersion"/>. When someone else saved in between, nothing is
    /// written and the result is a conflict; the page then shows the current values.
    /// </summary>
    public async Task<Result<ProfileView>> UpdateAsync(Guid userId, ProfileUpdate update, string expectedVersion, CancellationToken cancellationToken = default)
    {
        var validated = ProfileRules.Validate(update, Whitelist);
        if (!validated.Succeeded)
        {
            return Result<ProfileView>.Failure([.. validated.Errors]);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("profile");
        }

        if (user.ConcurrencyStamp != expectedVersion)
        {
            return Conflict;
        }

        var changes = user.ApplyProfile(validated.Value);
        if (changes.Count > 0)
        {
            var now = clock.GetUtcNow();
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            db.AuditEntries.Add(AuditEntry.Record(userId, "profile.updated", "user", userId.ToString(), null, FieldChange.Describe(changes), now));
            db.ActivityEvents.Add(ActivityEvent.Record(userId, null, ActivityKind.ProfileEdited, string.Join(", ", changes.Select(c => c.Field)), now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Conflict;
            }

            metrics.Edited();
        }

        return await ReadAsync(db, userId, cancellationToken) is { } row ? row.Profile : Error.NotFound("profile");
    }

    private string[] Whitelist => [.. options.Value.TimeZoneWhitelist];

    private async Task<ProfileRow?> ReadAsync(IPortalDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var row = await ProfileQuery((DbContext)db, userId);
        if (row is null && await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            // An account whose sign-up was interrupted before its organization existed heals here.
            await provisioning.EnsurePersonalOrganizationAsync(userId, cancellationToken);
            row = await ProfileQuery((DbContext)db, userId);
        }

        return row;
    }

    // One query: the user, their current organization (the one they switched to while still a member, else the
    // personal one, then the oldest: Workspace.Current's rule), its subscription and plan. Compiled once: it runs on
    // every page view.
    private static readonly Func<DbContext, Guid, Task<ProfileRow?>> ProfileQuery = EF.CompileAsyncQuery((DbContext db, Guid userId) =>
        (from m in db.Set<Membership>()
         where m.UserId == userId
         join u in db.Set<ApplicationUser>() on m.UserId equals u.Id
         join o in db.Set<Organization>() on m.OrganizationId equals o.Id
         where o.DeletedAt == null
         join s in db.Set<Subscription>() on o.Id equals s.OrganizationId
         join p in db.Set<Plan>() on s.PlanCode equals p.Code
         orderby (u.CurrentOrganizationId == o.Id ? 0 : 1), o.IsPersonal descending, m.JoinedAt
         select new ProfileRow(
             new ProfileView(
                 u.Id,
                 u.Email!,
                 u.FirstName,
                 u.LastName,
                 u.Company,
                 u.Country,
                 u.TimeZone,
                 u.AvatarUrl,
                 u.PhoneNumber,
                 u.PreferredLanguage,
                 u.NotifyWhenQuotaLow,
                 u.CreatedAt,
                 db.Set<IdentityUserRole<Guid>>().Any(ur => ur.UserId == u.Id && db.Set<IdentityRole<Guid>>().Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)),
                 o.Id,
                 o.Name,
                 m.Role,
                 p.Code,
                 p.Name,
                 u.ConcurrencyStamp!),
             new QuotaBasis(
                 o.Id,
                 p.Generation == PlanGeneration.Free,
                 p.MonthlyLaunchAllowance,
                 s.Status,
                 s.BillingAnchor ?? s.CurrentPeriodStart,
                 s.CurrentPeriodEnd,
                 s.TrialStartedAt,
                 s.TrialEndsAt,
                 s.PauseEndsAt)))
        .FirstOrDefault());

    private sealed record ProfileRow(ProfileView Profile, QuotaBasis Basis);
}
