using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Payments;

/// <summary>
/// The customer's billing: what the organization pays, its card, buying a plan or a quota pack, receipts.
/// Only the organization's owner and admins manage billing; every query is scoped to an organization the
/// acting user belongs to, so a guessed id of another tenant finds nothing.
/// </summary>
public sealed partial class BillingService(
    IPortalDbContextFactory dbFactory,
    IPaymentGateway gateway,
    PaymentSettlement settlement,
    QuotaService quotas,
    IFeatureGate features,
    RenewalService renewals,
    IOptions<BillingOptions> options,
    TimeProvider clock,
    ILogger<BillingService> logger)
{
    /// <summary>How many payments the billing page lists.</summary>
    public const int HistoryLength = 50;

    // A second "Pay" this soon after the first waits for it instead of resending it.
    private static readonly TimeSpan AttemptInFlight = TimeSpan.FromSeconds(30);

    public async Task<Result<BillingOverview>> GetOverviewAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.KeepConnectionOpenAsync(cancellationToken);
        if (await RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var row = await db.Subscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId)
            .Select(s => new { Subscription = s, s.Plan, OrganizationName = db.Organizations.Where(o => o.Id == s.OrganizationId).Select(o => o.Name).First() })
            .FirstAsync(cancellationToken);
        var card = await ActiveCardQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.Attempts > 0)
            .OrderByDescending(p => p.CreatedAt)
            .Take(HistoryLength)
            .ToListAsync(cancellationToken);

        var subscription = row.Subscription;
        var plan = row.Plan!;
        var renewalPlan = subscription.ScheduledPlanCode is { } scheduledCode
            ? await db.Plans.AsNoTracking().FirstAsync(p => p.Code == scheduledCode, cancellationToken)
            : plan;
        var nextCharge = subscription.HasPaidAccess && !subscription.CancelAtPeriodEnd && subscription.CurrentPeriodEnd is { } end
            ? new NextCharge(end, subscription.PriceOfPeriod(renewalPlan, end))
            : null;
        var scheduled = renewalPlan != plan && subscription.CurrentPeriodEnd is { } switchAt
            ? new ScheduledPlanChange(PlanSummary.Of(renewalPlan), switchAt, subscription.PriceOfPeriod(renewalPlan, switchAt))
            : null;
        return new BillingOverview(
            organizationId,
            row.OrganizationName,
            PlanSummary.Of(plan),
            subscription.Status,
            subscription.CurrentPeriodStart,
            subscription.CurrentPeriodEnd,
            subscription.CancelAtPeriodEnd,
            nextCharge,
            card is null ? null : Summarize(card, now),
            [.. payments.Select(p => new PaymentHistoryItem(
                p.Id, p.SucceededAt ?? p.LastAttemptAt ?? p.CreatedAt, p.Description, p.Total, p.Status, p.ReceiptNumber,
                new Money(p.RefundedAmount, p.Currency), p.CardMask, p.FailureReason))],
            subscription.GraceEndsAt,
            subscription.HasDiscountAt(now) ? new DiscountSummary(subscription.DiscountPercent!.Value, subscription.DiscountExpiresAt!.Value) : null,
            scheduled);
    }

    /// <summary>
    /// Starts buying <paramref name="planCode"/>: the payment for the subscription's next period, created once.
    /// Calling it again (a double click, a second tab) returns the same payment; choosing another plan before
    /// paying re-points it.
    /// </summary>
    public async Task<Result<Checkout>> StartPlanPurchaseAsync(Guid userId, Guid organizationId, string planCode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == planCode, cancellationToken);
        if (plan is null || !plan.IsActive || plan.IsFree)
        {
            LogRefused(logger, "plan purchase", organizationId, BillingErrors.PlanUnavailable.Code);
            return BillingErrors.PlanUnavailable;
        }

        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);

        // A paused subscription has no paid access now but keeps its plan: buying one again would start a second.
        if (subscription.Status == SubscriptionStatus.Paused)
        {
            LogRefused(logger, "plan purchase", organizationId, BillingErrors.Paused.Code);
            return BillingErrors.Paused;
        }

        if (subscription.HasPaidAccess)
        {
            return BillingErrors.AlreadySubscribed;
        }

        var now = clock.GetUtcNow();
        var description = $"ProfilePortal: {plan.Name}, {plan.DurationMonths} mo";
        var key = subscription.NextPaymentKey;
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (payment is null)
        {
            payment = Payment.ForPeriod(organizationId, subscription.Id, subscription.BillingCycle + 1, PaymentPurpose.Subscription, plan.Code, plan.Total, description, userId, now);
            db.Payments.Add(payment);
        }
        else if (payment.Status == PaymentStatus.Succeeded)
        {
            return BillingErrors.AlreadyPaid;
        }
        else if (payment.PlanCode != plan.Code && !payment.HasOpenAttempt)
        {
            payment.Reprice(plan.Code, plan.Total, description);
        }

        if (await SaveOnceAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return await CheckoutOfAsync(db, payment, userId, now, cancellationToken);
    }

    /// <summary>
    /// Starts buying a quota pack. <paramref name="checkoutKey"/> comes from the page that offers the pack, so
    /// two clicks on the same offer make one payment.
    /// </summary>
    public async Task<Result<Checkout>> StartPackPurchaseAsync(
        Guid userId, Guid organizationId, string packCode, string checkoutKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        // The billing page hides packs while the payments UI is off; a crafted request meets the same switch.
        if (!await features.IsEnabledForAsync(FeatureNames.PaymentsUi, userId, cancellationToken))
        {
            LogRefused(logger, "pack purchase", organizationId, BillingErrors.PacksOff.Code);
            return BillingErrors.PacksOff;
        }

        var pack = await db.QuotaPacks.AsNoTracking().FirstOrDefaultAsync(p => p.Code == packCode, cancellationToken);
        if (pack is null || !pack.IsActive)
        {
            LogRefused(logger, "pack purchase", organizationId, BillingErrors.PackUnavailable.Code);
            return BillingErrors.PackUnavailable;
        }

        if (await IsPausedAsync(db, organizationId, cancellationToken))
        {
            LogRefused(logger, "pack purchase", organizationId, BillingErrors.Paused.Code);
            return BillingErrors.Paused;
        }

        var now = clock.GetUtcNow();
        var key = $"pack:{checkoutKey}";
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (payment is null)
        {
            payment = Payment.ForPack(organizationId, pack.Code, pack.Amount, $"ProfilePortal: {pack.Name}, +{pack.Launches} launches", checkoutKey, userId, now);
            db.Payments.Add(payment);
            if (await SaveOnceAsync(db, cancellationToken) is { } conflict)
            {
                return conflict;
            }
        }
        else if (payment.OrganizationId != organizationId || payment.PackCode != pack.Code)
        {
            return BillingErrors.PaymentNotFound;
        }
        else if (payment.Status != PaymentStatus.Pending && payment.Status != PaymentStatus.Failed)
        {
            return BillingErrors.AlreadyPaid;
        }

        return await CheckoutOfAsync(db, payment, userId, now, cancellationToken);
    }

    /// <summary>
    /// Pays a checkout: with <paramref name="newCard"/> when given (it becomes the organization's card), else
    /// with the saved card. Customer-initiated. A resend of a payment whose first attempt got no answer goes
    /// out with the same request id, so the provider charges once.
    /// </summary>
    public async Task<Result<Payment>> PayAsync(
        Guid userId, Guid paymentId, CardDetails? newCard, string? ipAddress = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return BillingErrors.PaymentNotFound;
        }

        if (await RequireManagerAsync(db, userId, payment.OrganizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (payment.Status is not (PaymentStatus.Pending or PaymentStatus.Failed))
        {
            return BillingErrors.AlreadyPaid;
        }

        // A pack checkout opened before the payments UI was switched off is not paid after it.
        if (payment.Purpose == PaymentPurpose.QuotaPack && !payment.HasOpenAttempt
            && !await features.IsEnabledForAsync(FeatureNames.PaymentsUi, userId, cancellationToken))
        {
            return BillingErrors.PacksOff;
        }

        // Nothing is bought while paused; an attempt already sent is still resent, to learn what the provider did.
        if (!payment.HasOpenAttempt && await IsPausedAsync(db, payment.OrganizationId, cancellationToken))
        {
            LogRefused(logger, "payment", payment.OrganizationId, BillingErrors.Paused.Code);
            return BillingErrors.Paused;
        }

        var now = clock.GetUtcNow();
        if (payment.HasOpenAttempt && payment.LastAttemptAt > now - AttemptInFlight)
        {
            return BillingErrors.InProgress;
        }

        // An upgrade is charged at its quoted price only while the quote holds and the subscription is as quoted.
        if (payment.Purpose == PaymentPurpose.Upgrade && !payment.HasOpenAttempt
            && await PlanChangeService.RefusePaymentAsync(db, payment, now, cancellationToken) is { } stale)
        {
            return stale;
        }

        // An attempt without an answer is resent with its own card, whatever card was entered now. A new card
        // replaces the organization's card only once it has paid; a declined one is dropped again.
        var enteredCard = newCard is not null && !payment.HasOpenAttempt;
        var card = payment.HasOpenAttempt
            ? await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == payment.PaymentMethodId, cancellationToken)
            : enteredCard
                ? await OrganizationCards.AddAsync(db, payment.OrganizationId, gateway.Provider, newCard!, userId, now, retirePrevious: false, cancellationToken)
                : await ActiveCardQuery(db, payment.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (card is null || card.Provider != gateway.Provider)
        {
            return BillingErrors.NoCard;
        }

        if (card.Card.IsExpiredAt(now))
        {
            return BillingErrors.CardExpired;
        }

        payment.BeginAttempt(gateway.Provider, card.Id, card.Mask, now);
        if (await SaveOnceAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var contact = await ContactQuery(db, userId).FirstAsync(cancellationToken);
        var outcome = await gateway.ChargeAsync(
            new ChargeRequest(card.Token, payment.Total, payment.IdempotencyKey, payment.RequestId, payment.OrganizationId.ToString(),
                payment.Description, contact.Email, ChargeInitiator.Customer, ipAddress),
            cancellationToken);
        LogCharged(logger, payment.Id, payment.RequestId, outcome.GetType().Name);
        return await ApplyOutcomeAsync(payment.Id, outcome, contact, enteredCard ? card.Id : null, cancellationToken);
    }

    /// <summary>Saves a card for later charges without charging it; it replaces the organization's card.</summary>
    public async Task<Result<CardSummary>> SaveCardAsync(Guid userId, Guid organizationId, CardDetails card, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        if (card.IsExpiredAt(now))
        {
            return BillingErrors.CardExpired;
        }

        var method = await OrganizationCards.AddAsync(db, organizationId, gateway.Provider, card, userId, now, retirePrevious: true, cancellationToken);

        // A renewal (or a trial's conversion) waiting for a working card is charged again at once with this one.
        var subscription = await db.Subscriptions.FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var retry = subscription.Status == SubscriptionStatus.PastDue;
        if (retry)
        {
            subscription.PostponeCharge(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (retry)
        {
            await renewals.RunForOrganizationAsync(organizationId, cancellationToken);
        }

        return Summarize(method, now);
    }

    /// <summary>
    /// Starts adding (or replacing) the organization's card in the provider's widget, for a provider that takes
    /// cards only there (CloudPayments): a new <see cref="CardBinding"/> whose 1 RUB check the widget authorises.
    /// The provider's Pay notification saves the card and the hold is voided at once; nothing is charged. Each
    /// call starts a new binding, so a try after a decline gets a fresh invoice.
    /// </summary>
    public async Task<Result<CardBindingCheckout>> StartCardBindingAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        // The sandbox takes cards in the portal's own form (SaveCardAsync) and has no widget to authorise in.
        if (options.Value.Gateway != PaymentProvider.CloudPayments)
        {
            LogRefused(logger, "card binding", organizationId, BillingErrors.CardBindingUnavailable.Code);
            return BillingErrors.CardBindingUnavailable;
        }

        var binding = CardBinding.Start(organizationId, userId, clock.GetUtcNow());
        db.CardBindings.Add(binding);
        await db.SaveChangesAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(cancellationToken);
        return new CardBindingCheckout(
            binding.Id, binding.InvoiceId, organizationId, $"ProfilePortal: card check, {binding.Hold} held and released at once", binding.Hold, email ?? string.Empty);
    }

    /// <summary>
    /// A card binding of an organization the user manages, e.g. to see whether the provider's Pay notification
    /// has saved the card. Another tenant's binding is not found.
    /// </summary>
    public async Task<Result<CardBindingState>> GetCardBindingAsync(Guid userId, Guid bindingId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var binding = await db.CardBindings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bindingId, cancellationToken);
        if (binding is null || await RequireManagerAsync(db, userId, binding.OrganizationId, cancellationToken) is not null)
        {
            return BillingErrors.CardBindingNotFound;
        }

        var card = binding.PaymentMethodId is { } cardId
            ? await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == cardId, cancellationToken)
            : null;
        return new CardBindingState(binding.Id, binding.Status, card is null ? null : Summarize(card, clock.GetUtcNow()), binding.FailureReason);
    }

    /// <summary>Removes the organization's card. A running subscription then cannot renew until a card is added.</summary>
    public async Task<Result> RemoveCardAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var card = await ActiveCardQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken);
        if (card is null)
        {
            return BillingErrors.NoCard;
        }

        var now = clock.GetUtcNow();
        card.Remove(now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "payment_method.removed", "payment_method", card.Id.ToString(), organizationId, FieldChange.Describe([new("Card", card.Mask, null)]), now));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>A payment of an organization the user manages, e.g. to see whether a widget payment was settled.</summary>
    public async Task<Result<Payment>> GetPaymentAsync(Guid userId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null || await RequireManagerAsync(db, userId, payment.OrganizationId, cancellationToken) is not null)
        {
            return BillingErrors.PaymentNotFound;
        }

        return payment;
    }

    public async Task<Result<PaymentReceipt>> GetReceiptAsync(Guid userId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var receipt = await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId && p.SucceededAt != null)
            .Where(p => db.Memberships.Any(m => m.OrganizationId == p.OrganizationId && m.UserId == userId
                && (m.Role == OrganizationRole.Owner || m.Role == OrganizationRole.Admin)))
            .Select(p => new { Payment = p, Organization = db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (receipt is null)
        {
            return BillingErrors.PaymentNotFound;
        }

        var p = receipt.Payment;
        return new PaymentReceipt(
            p.Id, p.ReceiptNumber, receipt.Organization, p.Description, p.Total, new Money(p.RefundedAmount, p.Currency), p.Status,
            p.SucceededAt!.Value, p.CardMask, p.ProviderTransactionId);
    }

    /// <summary>Records the outcome of a charge in a fresh context, retrying when a concurrent writer got there first.</summary>
    private async Task<Result<Payment>> ApplyOutcomeAsync(
        Guid paymentId, ChargeOutcome outcome, BillingContact contact, Guid? enteredCardId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var payment = await db.Payments.FirstAsync(p => p.Id == paymentId, cancellationToken);
            var subscription = payment.SubscriptionId is { } id ? await db.Subscriptions.FirstAsync(s => s.Id == id, cancellationToken) : null;
            var plan = payment.PlanCode is { } code ? await db.Plans.AsNoTracking().FirstAsync(p => p.Code == code, cancellationToken) : null;
            Result<Payment> result;
            switch (outcome)
            {
                case ChargeOutcome.Succeeded succeeded:
                    await settlement.SucceedAsync(db, payment, succeeded.TransactionId, subscription, plan, contact, cancellationToken);
                    await KeepEnteredCardAsync(db, payment.OrganizationId, enteredCardId, keep: true, cancellationToken);
                    result = payment;
                    break;
                case ChargeOutcome.Declined declined:
                    // The customer is present and sees the decline: no dunning email.
                    await settlement.DeclineAsync(db, payment, declined, subscription, contact: null, cancellationToken);
                    await KeepEnteredCardAsync(db, payment.OrganizationId, enteredCardId, keep: false, cancellationToken);
                    result = BillingErrors.Declined(declined.Kind, declined.Code);
                    break;
                case ChargeOutcome.Failed failed:
                    settlement.Postpone(payment, failed, subscription);
                    result = BillingErrors.ProviderUnavailable;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown charge outcome {outcome}.");
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await quotas.InvalidateAsync(payment.OrganizationId);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone changed the subscription or settled the payment meanwhile: read again and re-apply;
                // settling is idempotent, so a payment already settled stays as it is.
            }
        }
    }

    /// <summary>
    /// After a charge with a card entered at checkout: paid, it becomes the organization's only card; declined,
    /// it is dropped and the card on file (if any) stays.
    /// </summary>
    private async Task KeepEnteredCardAsync(IPortalDbContext db, Guid organizationId, Guid? enteredCardId, bool keep, CancellationToken cancellationToken)
    {
        if (enteredCardId is not { } id)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var affected = await db.PaymentMethods
            .Where(m => m.OrganizationId == organizationId && m.RemovedAt == null && (keep ? m.Id != id : m.Id == id))
            .ToListAsync(cancellationToken);
        foreach (var method in affected)
        {
            method.Remove(now);
        }
    }

    internal async Task<Result<Checkout>> CheckoutOfAsync(IPortalDbContext db, Payment payment, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var card = await ActiveCardQuery(db, payment.OrganizationId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(cancellationToken);
        return new Checkout(
            payment.Id, payment.IdempotencyKey, payment.OrganizationId, payment.Description, payment.Total,
            card is null || card.Provider != gateway.Provider ? null : Summarize(card, now), email ?? string.Empty);
    }

    /// <summary>
    /// Saves, turning a lost race (a concurrency conflict or a unique key taken by a parallel request for the same
    /// payment) into "already in progress".
    /// </summary>
    private static Task<Error?> SaveOnceAsync(IPortalDbContext db, CancellationToken cancellationToken) =>
        db.SaveOrRacedAsync(BillingErrors.InProgress, cancellationToken);

    private static Task<bool> IsPausedAsync(IPortalDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.Subscriptions.AnyAsync(s => s.OrganizationId == organizationId && s.Status == SubscriptionStatus.Paused, cancellationToken);

    /// <summary>Null when the user may manage the organization's billing (Owner or Admin); else why not.</summary>
    internal static async Task<Error?> RequireManagerAsync(IPortalDbContext db, Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        var role = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.OrganizationId == organizationId)
            .Select(m => (OrganizationRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        return role switch
        {
            null => Error.Forbidden(),
            OrganizationRole.Member => BillingErrors.ManagersOnly,
            _ => null,
        };
    }

    internal static IQueryable<PaymentMethod> ActiveCardQuery(IPortalDbContext db, Guid organizationId) =>
        db.PaymentMethods.Where(m => m.OrganizationId == organizationId && m.RemovedAt == null).OrderByDescending(m => m.AddedAt);

    internal static IQueryable<BillingContact> ContactQuery(IPortalDbContext db, Guid userId) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new BillingContact(u.Id, u.Email!, PersonName.Display(u.FirstName, u.LastName, u.Email!), u.PreferredLanguage, u.TimeZone));

    internal static CardSummary Summarize(PaymentMethod card, DateTimeOffset now) =>
        new(card.Brand, card.Mask, card.ExpiryMonth, card.ExpiryYear, card.Card.IsExpiredAt(now), card.AddedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Operation} for organization {OrganizationId}: {Code}")]
    private static partial void LogRefused(ILogger logger, string operation, Guid organizationId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Charged payment {PaymentId} as request {RequestId}: {Outcome}")]
    private static partial void LogCharged(ILogger logger, Guid paymentId, string requestId, string outcome);
}
