using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>The expected failures of billing, with stable codes the UI localizes.</summary>
public static class BillingErrors
{
    public static readonly Error ManagersOnly = new("billing.managers_only", "Only the organization's owner or an admin can manage its billing.");

    public static readonly Error PlanUnavailable = new("billing.plan_unavailable", "This plan is not on sale.");

    public static readonly Error PackUnavailable = new("billing.pack_unavailable", "This quota pack is not on sale.");

    public static readonly Error PacksOff = new("billing.packs_off", "Quota packs are not on sale at the moment.");

    public static readonly Error AlreadySubscribed = new(
        "billing.already_subscribed", "The organization already has a paid plan. Changing plans comes with upgrades.");

    public static readonly Error Paused = new(
        "billing.paused", "The subscription is paused: plans and quota packs cannot be bought while it is. Resume it first on the billing page.");

    public static readonly Error AlreadyPaid = new("billing.already_paid", "This has already been paid. Nothing was charged again.");

    public static readonly Error NoCard = new("billing.no_card", "Add a card first.");

    public static readonly Error CardExpired = new("billing.card_expired", "The card has expired. Add a valid card.");

    public static readonly Error CardBindingUnavailable = new(
        "billing.card_binding_unavailable", "This payment provider takes cards in the portal's own card form, not in its window.");

    public static readonly Error InProgress = new(
        "billing.in_progress", "This payment is already being processed. Wait a moment and refresh the page.");

    public static readonly Error ProviderUnavailable = new(
        "billing.provider_unavailable", "The payment provider did not answer. Nothing was charged twice; try again in a minute.");

    public static Error Declined(DeclineKind kind, string code) => kind == DeclineKind.Hard
        ? new("billing.declined_hard", $"The card was declined ({code}) and cannot be charged again. Use another card.")
        : code == "5051"
            ? new("billing.declined_funds", "The card was declined: insufficient funds. Use another card or try later.")
            : new("billing.declined", $"The card was declined ({code}). Use another card or try later.");

    public static Error PaymentNotFound => Error.NotFound("payment");

    public static Error CardBindingNotFound => Error.NotFound("card_binding");
}
