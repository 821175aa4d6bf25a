using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Payments;

/// <summary>
/// Moving a running paid subscription to another plan (ADR-011). An upgrade (a longer plan, or as long and dearer)
/// is paid now, less a credit for the unused part of the period already paid, and starts a new period at once; a
/// downgrade (anything else) is scheduled for the period end, when the renewal charges the new plan. The billing
/// page and the cancellation flow's "longer plan" offer both go through here, and through <c>PlanChangeDialog</c>.
/// Only the organization's owner and admins change plans.
/// </summary>
public sealed partial class PlanChangeService(
    IPortalDbContextFactory dbFactory,
    BillingService billing,
    PaymentSettlement settlement,
    QuotaService quotas,
    TimeProvider clock,
    ILogger<PlanChangeService> logger)
{
    /// <summary>
    /// The plans on sale the subscription could move to (not the current one), each marked upgrade or downgrade; or why
    /// the subscription cannot change plans now.
    /// </summary>
    public async Task<Result<PlanChangeChoices>> GetChoicesAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (PlanChangeRules.Refusal(subscription, clock.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        var current = await db.Plans.AsNoTracking().FirstAsync(p => p.Code == subscription.PlanCode, cancellationToken);
        var onSale = await db.Plans.AsNoTracking()
            .Where(p => p.IsActive && p.Generation != PlanGeneration.Free && p.Code != current.Code)
            .OrderBy(p => p.SortOrder)
            .ToListAsync(cancellationToken);
        return new PlanChangeChoices(
            PlanSummary.Of(current), subscription.ScheduledPlanCode, [.. onSale.Select(p => new PlanChangeChoice(PlanSummary.Of(p), PlanChangeRules.Classify(current, p)))]);
    }

    /// <summary>What moving to <paramref name="planCode"/> would do now: an upgrade's credit and charge, or a downgrade's date.</summary>
    public async Task<Result<PlanChangeQuote>> QuoteAsync(Guid userId, Guid organizationId, string planCode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var prepared = await PrepareAsync(db, userId, organizationId, planCode, cancellationToken);
        return prepared.Succeeded ? prepared.Value.Quote : Result<PlanChangeQuote>.Failure([.. prepared.Errors]);
    }

    /// <summary>
    /// Starts an upgrade to <paramref name="planCode"/>: the payment for the subscription's next cycle, priced by a fresh
    /// quote (the charge now). Calling it again returns the same payment, priced again while it is unpaid; the payment
    /// is charged at that price within <see cref="PlanChangeRules.QuoteValidity"/>. When the credit covers the whole
    /// price nothing is to pay: the change is applied at once and the result holds no checkout (null).
    /// </summary>
    public async Task<Result<Checkout?>> StartUpgradeAsync(Guid userId, Guid organizationId, string planCode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var prepared = await PrepareAsync(db, userId, organizationId, planCode, cancellationToken);
        if (!prepared.Succeeded)
        {
            return Result<Checkout?>.Failure([.. prepared.Errors]);
        }

        var (subscription, current, target, quote) = prepared.Value;
        if (!quote.IsUpgrade)
        {
            return PlanChangeErrors.NotAnUpgrade;
        }

        var now = quote.QuotedAt;
        var key = subscription.NextPaymentKey;
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (payment is not null && payment.Purpose != PaymentPurpose.Upgrade)
        {
            return PlanChangeErrors.InProgress;
        }

        if (payment is { Status: not (PaymentStatus.Pending or PaymentStatus.Failed) })
        {
            return BillingErrors.AlreadyPaid;
        }

        if (payment is { HasOpenAttempt: true })
        {
            // Being charged: its price stays; the payment dialog says it is in progress or resends it.
            return await CheckoutAsync(db, payment, userId, now, cancellationToken);
        }

        if (quote.IsFree)
        {
            settlement.ChangePlanNow(db, subscription, target, payment: null, userId, now);
            if (await SaveAsync(db, organizationId, "upgrade", cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return (Checkout?)null;
        }

        var description = Describe(current, target, quote.Credit);
        if (payment is null)
        {
            payment = Payment.ForUpgrade(
                organizationId, subscription.Id, subscription.BillingCycle + 1, target.Code, quote.ChargeNow, quote.Credit, description, userId, now);
            db.Payments.Add(payment);
        }
        else
        {
            payment.Requote(target.Code, quote.ChargeNow, quote.Credit, description, now);
        }

        if (await SaveAsync(db, organizationId, "upgrade", cancellationToken) is { } raced)
        {
            return raced;
        }

        return await CheckoutAsync(db, payment, userId, now, cancellationToken);
    }

    /// <summary>
    /// Schedules a downgrade to <paramref name="planCode"/> for the end of the current period; a second one replaces
    /// the first. Nothing is charged now; the renewal at the period end charges the new plan's price.
    /// </summary>
    public async Task<Result<PlanChangeQuote>> ScheduleDowngradeAsync(
        Guid userId, Guid organizationId, string planCode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var prepared = await PrepareAsync(db, userId, organizationId, planCode, cancellationToken);
        if (!prepared.Succeeded)
        {
            return Result<PlanChangeQuote>.Failure([.. prepared.Errors]);
        }

        var (subscription, current, target, quote) = prepared.Value;
        if (quote.IsUpgrade)
        {
            return PlanChangeErrors.NotADowngrade;
        }

        if (subscription.CancelAtPeriodEnd)
        {
            return PlanChangeErrors.CancellationPending;
        }

        var before = subscription.ScheduledPlanCode;
        subscription.ScheduleDowngrade(target.Code);
        Audit(db, subscription, userId, "subscription.downgrade_scheduled",
            [new("ScheduledPlan", before, target.Code), new("EffectiveAt", null, Iso(quote.EffectiveAt))], quote.QuotedAt);
        db.ActivityEvents.Add(ActivityEvent.Record(
            userId, organizationId, ActivityKind.PlanChanged, $"{current.Code} → {target.Code} ({quote.EffectiveAt:yyyy-MM-dd})", quote.QuotedAt));
        if (await SaveAsync(db, organizationId, "downgrade", cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return quote;
    }

    /// <summary>"Keep current plan": takes back a scheduled downgrade before the period end.</summary>
    public async Task<Result> CancelScheduledDowngradeAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var subscription = await db.Subscriptions.FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (subscription.ScheduledPlanCode is not { } scheduled)
        {
            return PlanChangeErrors.NothingScheduled;
        }

        if (PlanChangeRules.Refusal(subscription, now) is { } refused)
        {
            LogRefused(logger, "keep plan", organizationId, refused.Code);
            return refused;
        }

        subscription.CancelScheduledDowngrade();
        Audit(db, subscription, userId, "subscription.downgrade_cancelled", [new("ScheduledPlan", scheduled, null)], now);
        db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.PlanChanged, $"{subscription.PlanCode} kept", now));
        return await SaveAsync(db, organizationId, "keep plan", cancellationToken) is { } conflict ? conflict : Result.Success();
    }

    /// <summary>
    /// Why an upgrade payment must not be charged now, or null: its quote is older than
    /// <see cref="PlanChangeRules.QuoteValidity"/>, or the subscription has moved on since (another cycle, a pause, the
    /// period's end). Nothing is charged then; opening the change again prices it afresh.
    /// </summary>
    internal static async Task<Error?> RefusePaymentAsync(IPortalDbContext db, Payment payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (payment.QuotedAt is not { } quotedAt || quotedAt + PlanChangeRules.QuoteValidity < now)
        {
            return PlanChangeErrors.QuoteExpired;
        }

        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == payment.SubscriptionId, cancellationToken);
        if (PlanChangeRules.Refusal(subscription, now) is { } refused)
        {
            return refused;
        }

        return subscription.BillingCycle + 1 == payment.BillingCycle && subscription.PlanCode != payment.PlanCode ? null : PlanChangeErrors.QuoteExpired;
    }

    /// <summary>Access, the subscription (tracked), both plans and the quote; or why the change cannot be made.</summary>
    private async Task<Result<Prepared>> PrepareAsync(
        IPortalDbContext db, Guid userId, Guid organizationId, string planCode, CancellationToken cancellationToken)
    {
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var subscription = await db.Subscriptions.FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (PlanChangeRules.Refusal(subscription, now) is { } refused)
        {
            LogRefused(logger, "plan change", organizationId, refused.Code);
            return refused;
        }

        var target = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == planCode, cancellationToken);
        if (target is null || !target.IsActive || target.IsFree)
        {
            return PlanChangeErrors.PlanUnavailable;
        }

        if (target.Code == subscription.PlanCode)
        {
            return PlanChangeErrors.SamePlan;
        }

        var current = await db.Plans.AsNoTracking().FirstAsync(p => p.Code == subscription.PlanCode, cancellationToken);
        var paid = await PaidForCurrentPeriodAsync(db, subscription, current, cancellationToken);
        return new Prepared(subscription, current, target, PlanChangeRules.Quote(subscription, current, target, paid, now));
    }

    /// <summary>
    /// What the current period was worth to the customer: its settled payment (charged less refunds, plus the credit
    /// an upgrade carried). A period without one (carried over from the old billing, or started by an upgrade the
    /// credit paid for) is worth its price as the subscription computes it, discount included.
    /// </summary>
    private static async Task<Money> PaidForCurrentPeriodAsync(IPortalDbContext db, Subscription subscription, Plan current, CancellationToken cancellationToken)
    {
        var key = subscription.CurrentPaymentKey;
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        return payment is { Status: PaymentStatus.Succeeded or PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded }
            ? payment.PaidForPeriod
            : subscription.PriceOfPeriod(current, subscription.CurrentPeriodStart);
    }

    private async Task<Result<Checkout?>> CheckoutAsync(IPortalDbContext db, Payment payment, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var checkout = await billing.CheckoutOfAsync(db, payment, userId, now, cancellationToken);
        return checkout.Succeeded ? checkout.Value : Result<Checkout?>.Failure([.. checkout.Errors]);
    }

    private async Task<Error?> SaveAsync(IPortalDbContext db, Guid organizationId, string operation, CancellationToken cancellationToken)
    {
        // Someone changed the subscription meanwhile, or a parallel click created the same payment.
        if (await db.SaveOrRacedAsync(PlanChangeErrors.InProgress, cancellationToken) is { } raced)
        {
            LogRefused(logger, operation, organizationId, raced.Code);
            return raced;
        }

        await quotas.InvalidateAsync(organizationId);
        return null;
    }

    private static string Describe(Plan current, Plan target, Money credit) =>
        $"ProfilePortal: {target.Name}, {target.DurationMonths} mo, upgrade from {current.Name} (credit {credit})";

    private static void Audit(IPortalDbContext db, Subscription subscription, Guid actor, string action, FieldChange[] changes, DateTimeOffset now) =>
        db.AuditEntries.Add(AuditEntry.Record(
            actor, action, "subscription", subscription.Id.ToString(), subscription.OrganizationId, FieldChange.Describe(changes), now));

    private static string Iso(DateTimeOffset instant) => instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Prepared(Subscription Subscription, Plan Current, Plan Target, PlanChangeQuote Quote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Operation} for organization {OrganizationId}: {Code}")]
    private static partial void LogRefused(ILogger logger, string operation, Guid organizationId, string code);
}
