using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>
/// A card binding waiting for the customer in the provider's widget: what the widget is opened with. The widget
/// authorises <see cref="Amount"/> against <see cref="InvoiceId"/> for <see cref="OrganizationId"/> (the
/// notifications' <c>AccountId</c>); nothing is charged, and the hold is voided as soon as the card is saved.
/// </summary>
public sealed record CardBindingCheckout(Guid BindingId, string InvoiceId, Guid OrganizationId, string Description, Money Amount, string PayerEmail);

/// <summary>
/// Where a card binding stands, for the page that waits for the provider's notification: the saved card once
/// bound, the issuer's reason once failed.
/// </summary>
public sealed record CardBindingState(Guid BindingId, CardBindingStatus Status, CardSummary? Card, string? FailureReason);
