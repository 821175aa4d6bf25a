using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Scheduling;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments;

/// <summary>
/// Adding a card with CloudPayments without paying: the widget authorises 1 RUB against the binding's invoice
/// (played by the emulator), the Check and Pay notifications save the card, and the hold is voided through the
/// provider's API, at once or by the sweep.
/// </summary>
public sealed class CardBindingNotificationTests(CloudPaymentsPortalServices portal) : IClassFixture<CloudPaymentsPortalServices>
{
    private BillingService Billing => portal.Get<BillingService>();

    private PaymentNotificationService Notifications => portal.Get<PaymentNotificationService>();

    private CloudPaymentsEmulator Provider => portal.Provider;

    private async Task<(Customer Customer, CardBindingCheckout Checkout)> BindingAsync()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await Billing.StartCardBindingAsync(customer.Id, customer.OrganizationId);
        Assert.True(checkout.Succeeded, string.Join("; ", checkout.Errors.Select(e => e.Message)));
        return (customer, checkout.Value);
    }

    private static ProviderNotification Notification(
        NotificationKind kind, CardBindingCheckout checkout, long transactionId, decimal amount = 1m, string currency = "RUB", string? account = null, string? invoice = null) =>
        new(
            "cloudpayments", kind, transactionId.ToString(CultureInfo.InvariantCulture), invoice ?? checkout.InvoiceId, account ?? checkout.OrganizationId.ToString(),
            amount, currency,
            kind == NotificationKind.Pay ? new CardDetails(CloudPaymentsEmulator.SuccessToken, "Visa", "4242", 12, 2030, "card-emulator-4242") : null,
            kind == NotificationKind.Fail ? "5051" : null, kind == NotificationKind.Fail ? "Insufficient funds" : null, null, $"TransactionId={transactionId}");

    /// <summary>The widget's auth at the provider, then its Check and Pay notifications.</summary>
    private async Task<EmulatedCharge> AuthorizeAsync(CardBindingCheckout checkout)
    {
        var held = Provider.AuthorizeInWidget(checkout.InvoiceId, checkout.OrganizationId.ToString(), checkout.Amount.Amount);
        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, held.TransactionId)));
        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, held.TransactionId)));
        return held;
    }

    private async Task<CardBinding> StoredAsync(Guid bindingId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.CardBindings.AsNoTracking().SingleAsync(b => b.Id == bindingId);
    }

    [Fact]
    public async Task A_binding_is_a_one_rouble_check_of_the_organization_under_its_own_invoice()
    {
        var (customer, checkout) = await BindingAsync();
        var again = (await Billing.StartCardBindingAsync(customer.Id, customer.OrganizationId)).Value;

        Assert.Equal((Money.Rubles(1m), customer.OrganizationId, customer.User.Email), (checkout.Amount, checkout.OrganizationId, checkout.PayerEmail));
        Assert.Equal($"card:{checkout.BindingId:N}", checkout.InvoiceId);
        Assert.NotEqual(checkout.InvoiceId, again.InvoiceId);
        var state = (await Billing.GetCardBindingAsync(customer.Id, checkout.BindingId)).Value;
        Assert.Equal((CardBindingStatus.Pending, null), (state.Status, state.Card));
    }

    [Fact]
    public async Task Check_and_pay_save_the_card_in_place_of_the_old_one_audited_and_the_hold_is_voided_at_once()
    {
        var (customer, checkout) = await BindingAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, new CardDetails("tk_old", "Mastercard", "5454", 11, 2029, null));

        var held = await AuthorizeAsync(checkout);

        var state = (await Billing.GetCardBindingAsync(customer.Id, checkout.BindingId)).Value;
        Assert.Equal((CardBindingStatus.Bound, "•••• 4242"), (state.Status, state.Card?.Mask));
        var overview = (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value;
        Assert.Equal(("Visa", "•••• 4242"), (overview.Card?.Brand, overview.Card?.Mask));
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == customer.OrganizationId).ToListAsync();
            Assert.Equal(2, cards.Count);
            Assert.NotNull(Assert.Single(cards, c => c.Last4 == "5454").RemovedAt);
            var added = await db.AuditEntries.AsNoTracking()
                .Where(a => a.OrganizationId == customer.OrganizationId && a.Action == "payment_method.added")
                .OrderBy(a => a.OccurredAt).Select(a => a.Changes).ToListAsync();
            Assert.Equal(2, added.Count);
            Assert.Contains("5454", added[1], StringComparison.Ordinal);
            Assert.Contains("4242", added[1], StringComparison.Ordinal);
        }

        var voided = Assert.Single(Provider.Voids, v => v.TransactionId == held.TransactionId);
        Assert.Equal($"{checkout.InvoiceId}/void", voided.RequestId);
        Assert.Equal("Cancelled", Assert.Single(Provider.ChargesFor(checkout.InvoiceId)).Status);
        var binding = await StoredAsync(checkout.BindingId);
        Assert.Equal((held.TransactionId.ToString(CultureInfo.InvariantCulture), portal.Clock.GetUtcNow(), (DateTimeOffset?)null), (binding.ProviderTransactionId, binding.VoidedAt, binding.NextVoidAttemptAt));
    }

    [Fact]
    public async Task A_replayed_pay_even_many_at_once_saves_one_card_and_voids_once()
    {
        var (customer, checkout) = await BindingAsync();
        var held = Provider.AuthorizeInWidget(checkout.InvoiceId, checkout.OrganizationId.ToString(), 1m);
        var pay = Notification(NotificationKind.Pay, checkout, held.TransactionId);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Notifications.HandleAsync(pay))));
        var replayed = await Notifications.HandleAsync(pay);

        Assert.All(verdicts, v => Assert.Equal(NotificationVerdict.Accepted, v));
        Assert.Equal(NotificationVerdict.Accepted, replayed);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.PaymentMethods.CountAsync(m => m.OrganizationId == customer.OrganizationId));
        Assert.Equal(1, await db.PaymentNotifications.CountAsync(n => n.InvoiceId == checkout.InvoiceId && n.Kind == "pay"));
        Assert.Equal(1, (await portal.AuditActionsAsync(customer.OrganizationId)).Count(a => a == "payment_method.added"));
        Assert.Single(Provider.Voids, v => v.TransactionId == held.TransactionId);
        Assert.Equal(1, Provider.Requests.Count(r => r.RequestId == $"{checkout.InvoiceId}/void"));
    }

    [Fact]
    public async Task Mismatched_notifications_are_refused_with_the_provider_codes_and_save_nothing()
    {
        var (customer, checkout) = await BindingAsync();
        var (other, _) = await BindingAsync();

        Assert.Equal(NotificationVerdict.UnknownInvoice, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, 8001, invoice: $"card:{Guid.NewGuid():N}")));
        Assert.Equal(NotificationVerdict.WrongAmount, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, 8002, amount: 2m)));
        Assert.Equal(NotificationVerdict.WrongAmount, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, 8003, currency: "USD")));
        Assert.Equal(NotificationVerdict.Rejected, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, 8004, account: other.OrganizationId.ToString())));
        Assert.Equal(NotificationVerdict.WrongAmount, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, 8005, amount: 10m)));
        Assert.Equal(NotificationVerdict.Rejected, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, 8006, account: other.OrganizationId.ToString())));

        Assert.Equal(CardBindingStatus.Pending, (await StoredAsync(checkout.BindingId)).Status);
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);
        Assert.DoesNotContain(Provider.Requests, r => r.RequestId.StartsWith(checkout.InvoiceId, StringComparison.Ordinal));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(
            [10, 11, 11, 13, 11, 13],
            await db.PaymentNotifications.Where(n => n.ExternalId.StartsWith("800")).OrderBy(n => n.ExternalId).Select(n => n.ResultCode).ToListAsync());
    }

    [Fact]
    public async Task A_bound_binding_refuses_another_check_and_a_second_hold_is_voided_without_saving_its_card()
    {
        var (customer, checkout) = await BindingAsync();
        await AuthorizeAsync(checkout);
        var second = Provider.AuthorizeInWidget(checkout.InvoiceId, checkout.OrganizationId.ToString(), 1m);

        Assert.Equal(NotificationVerdict.Rejected, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, second.TransactionId)));
        Assert.Equal(NotificationVerdict.Rejected, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, second.TransactionId)));

        Assert.Single(Provider.Voids, v => v.TransactionId == second.TransactionId);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.PaymentMethods.CountAsync(m => m.OrganizationId == customer.OrganizationId));
    }

    [Fact]
    public async Task A_fail_marks_the_binding_failed_with_the_reason_and_another_card_may_follow_in_the_same_widget()
    {
        var (customer, checkout) = await BindingAsync();
        await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, 8101));

        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Fail, checkout, 8101)));

        var failed = (await Billing.GetCardBindingAsync(customer.Id, checkout.BindingId)).Value;
        Assert.Equal((CardBindingStatus.Failed, "Insufficient funds", null), (failed.Status, failed.FailureReason, failed.Card));
        Assert.Contains("card_binding.declined", await portal.AuditActionsAsync(customer.OrganizationId));
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);
        Assert.DoesNotContain(Provider.Voids, v => v.TransactionId == 8101);

        await AuthorizeAsync(checkout);
        Assert.Equal(CardBindingStatus.Bound, (await Billing.GetCardBindingAsync(customer.Id, checkout.BindingId)).Value.Status);
    }

    [Fact]
    public async Task A_void_the_provider_does_not_answer_is_sent_again_by_the_sweep_a_minute_later()
    {
        var (customer, checkout) = await BindingAsync();
        Provider.VoidsUnavailable = true;
        EmulatedCharge held;
        try
        {
            held = await AuthorizeAsync(checkout);
        }
        finally
        {
            Provider.VoidsUnavailable = false;
        }

        var waiting = await StoredAsync(checkout.BindingId);
        Assert.Equal((CardBindingStatus.Bound, null, 1), (waiting.Status, waiting.VoidedAt, waiting.VoidAttempts));
        Assert.Equal(portal.Clock.GetUtcNow().AddMinutes(1), waiting.NextVoidAttemptAt);
        Assert.Equal("•••• 4242", (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card?.Mask);
        var sweep = new RenewalSweepJob(portal.Get<RenewalService>(), portal.Get<CardBindingService>());

        await sweep.Execute(null!);
        Assert.DoesNotContain(Provider.Voids, v => v.TransactionId == held.TransactionId);

        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await sweep.Execute(null!);

        var voided = Assert.Single(Provider.Voids, v => v.TransactionId == held.TransactionId);
        Assert.Equal($"{checkout.InvoiceId}/void", voided.RequestId);
        var released = await StoredAsync(checkout.BindingId);
        Assert.Equal((portal.Clock.GetUtcNow(), (DateTimeOffset?)null, (string?)null), (released.VoidedAt, released.NextVoidAttemptAt, released.VoidFailureReason));
        Assert.Equal(new HoldReleaseResult(0, 0, 0), await portal.Get<CardBindingService>().ReleaseDueHoldsAsync());
    }

    [Fact]
    public async Task Voids_unanswered_again_are_spaced_out_and_one_the_provider_refuses_is_not_sent_again()
    {
        var (_, checkout) = await BindingAsync();
        var holds = portal.Get<CardBindingService>();
        Provider.VoidsUnavailable = true;
        try
        {
            await AuthorizeAsync(checkout);
            portal.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(1, (await holds.ReleaseDueHoldsAsync()).Postponed);
        }
        finally
        {
            Provider.VoidsUnavailable = false;
        }

        var postponed = await StoredAsync(checkout.BindingId);
        Assert.Equal((2, portal.Clock.GetUtcNow().AddMinutes(2)), (postponed.VoidAttempts, postponed.NextVoidAttemptAt));

        // Meanwhile someone released the hold in the provider's cabinet: the provider refuses the void.
        var transactionId = long.Parse(postponed.ProviderTransactionId!, CultureInfo.InvariantCulture);
        using (var services = CloudPaymentsServices.Create(Provider.BaseAddress))
        {
            await services.Client().VoidAsync(transactionId, $"cabinet-{Guid.NewGuid():N}");
        }

        portal.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new HoldReleaseResult(0, 0, 1), await holds.ReleaseDueHoldsAsync());
        portal.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new HoldReleaseResult(0, 0, 0), await holds.ReleaseDueHoldsAsync());

        var refused = await StoredAsync(checkout.BindingId);
        Assert.Equal((null, (DateTimeOffset?)null, 3), (refused.VoidedAt, refused.NextVoidAttemptAt, refused.VoidAttempts));
        Assert.Contains("cannot be voided", refused.VoidFailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_bound_while_past_due_has_the_renewal_tried_again_at_once()
    {
        var (customer, checkout) = await BindingAsync();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, SubscriptionStatus.PastDue)
                .SetProperty(x => x.NextChargeAttemptAt, (DateTimeOffset?)null));
        }

        await AuthorizeAsync(checkout);

        Assert.Equal(portal.Clock.GetUtcNow(), (await portal.SubscriptionAsync(customer.OrganizationId)).NextChargeAttemptAt);
    }

    [Fact]
    public async Task Only_the_organization_s_managers_start_or_see_its_bindings()
    {
        var (customer, checkout) = await BindingAsync();
        var stranger = await portal.CustomerAsync();

        Assert.Equal("access.forbidden", (await Billing.StartCardBindingAsync(stranger.Id, customer.OrganizationId)).Errors.Single().Code);
        Assert.Equal(BillingErrors.CardBindingNotFound.Code, (await Billing.GetCardBindingAsync(stranger.Id, checkout.BindingId)).Errors.Single().Code);
        Assert.Equal(BillingErrors.CardBindingNotFound.Code, (await Billing.GetCardBindingAsync(customer.Id, Guid.NewGuid())).Errors.Single().Code);
    }
}
