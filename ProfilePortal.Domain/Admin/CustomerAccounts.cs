using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Admin;

/// <summary>One organization's part of the customer page: members, subscription and its history, payments, grants.</summary>
internal static class CustomerAccounts
{
    public sealed record Account(
        IReadOnlyList<CustomerMember> Members,
        int MemberCount,
        CustomerSubscription? Subscription,
        IReadOnlyList<CustomerAuditItem> History,
        IReadOnlyList<CustomerPayment> Payments,
        IReadOnlyList<CustomerQuotaGrant> Grants);

    /// <summary>Reads the organization's lists, each bounded to the latest <paramref name="limit"/>.</summary>
    public static async Task<Account> ReadAsync(IPortalDbContext db, Guid organizationId, int limit, CancellationToken cancellationToken)
    {
        var memberCount = await db.Memberships.CountAsync(m => m.OrganizationId == organizationId, cancellationToken);
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId)
            .OrderBy(m => m.JoinedAt)
            .Take(limit)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new CustomerMember(u.Id, u.Email ?? string.Empty, u.FirstName, u.LastName, m.Role, m.JoinedAt))
            .ToListAsync(cancellationToken);

        var subscription = await db.Subscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId)
            .Select(s => new CustomerSubscription(
                s.Id, s.PlanCode, s.Plan != null ? s.Plan.Name : null, s.Status, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.TrialEndsAt,
                s.CancelAtPeriodEnd, s.CancellationReason, s.DiscountPercent, s.PauseEndsAt, s.ScheduledPlanCode, s.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        var subscriptionId = subscription?.Id.ToString();
        var history = subscriptionId is null
            ? []
            : await db.AuditEntries.AsNoTracking()
                .Where(a => a.TargetType == "subscription" && a.TargetId == subscriptionId)
                .OrderByDescending(a => a.OccurredAt)
                .Take(limit)
                .Select(a => new CustomerAuditItem(a.OccurredAt, a.Action, db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.Email).FirstOrDefault(), a.Changes))
                .ToListAsync(cancellationToken);

        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId)
            .OrderByDescending(p => p.CreatedAt)
            .Take(limit)
            .Select(p => new { p.Id, p.CreatedAt, p.Description, p.Amount, p.Currency, p.Status, p.CardMask, p.FailureReason, p.RefundedAmount })
            .ToListAsync(cancellationToken);
        var paymentIds = payments.Select(p => p.Id).ToList();
        var refunds = (await db.Refunds.AsNoTracking()
                .Where(r => paymentIds.Contains(r.PaymentId))
                .OrderBy(r => r.CreatedAt)
                .Select(r => new { r.PaymentId, Refund = new CustomerRefund(r.CreatedAt, r.Amount, r.Currency, r.Reason, db.Users.Where(u => u.Id == r.ByUserId).Select(u => u.Email).FirstOrDefault()) })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.PaymentId, r => r.Refund);

        var grants = await db.QuotaGrants.AsNoTracking()
            .Where(g => g.OrganizationId == organizationId)
            .OrderByDescending(g => g.GrantedAt)
            .Take(limit)
            .Select(g => new CustomerQuotaGrant(
                g.GrantedAt, g.Source, g.Launches, g.Reason, g.PackCode, db.Users.Where(u => u.Id == g.GrantedByUserId).Select(u => u.Email).FirstOrDefault(), g.PeriodStart, g.PeriodEnd))
            .ToListAsync(cancellationToken);

        return new Account(
            members,
            memberCount,
            subscription,
            history,
            payments.Select(p => new CustomerPayment(p.Id, p.CreatedAt, p.Description, p.Amount, p.Currency, p.Status, p.CardMask, p.FailureReason, p.RefundedAmount, refunds[p.Id].ToList())).ToList(),
            grants);
    }
}
