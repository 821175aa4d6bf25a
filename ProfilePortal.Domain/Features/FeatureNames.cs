namespace ProfilePortal.Domain.Features;

/// <summary>The feature flags the portal knows. Defaults live in configuration under <c>FeatureManagement</c>.</summary>
public static class FeatureNames
{
    /// <summary>The profile page; off brings back the old menu (seed 000 rollback).</summary>
    public const string ProfilePage = "ProfilePage";

    /// <summary>Online payment in the plans dialog (<c>ENABLE_PROFILE_PAYMENTS_UI</c>).</summary>
    public const string PaymentsUi = "PaymentsUi";

    /// <summary>
    /// The quota's "Buy" button and the plans dialog behind it (seed 000's frontend switch); off hides both
    /// entirely, the low-quota warning stays. Decision: docs/decisions/ADR-003-payments-ui-flag.md.
    /// </summary>
    public const string PaymentsCta = "PaymentsCta";

    /// <summary>The new pricing page (seed 002 phase A); off shows the previous, plain price list.</summary>
    public const string NewPricing = "NewPricing";

    /// <summary>The 7-day trial CTA, rolled out to a sticky share of visitors.</summary>
    public const string Trials = "Trials";

    /// <summary>
    /// The one-step cancellation ("Cancel → Confirm") instead of the flow with a reason and save offers (seed 002
    /// phase C rollback). Off by default; discounts and pauses already granted keep working either way.
    /// </summary>
    public const string SimpleCancellation = "SimpleCancellation";

    /// <summary>
    /// Win-back emails after a cancelled trial or plan (seed 002 phase D). Only cancellations made while it is on
    /// are written to; switching it off stops the ones not sent yet.
    /// </summary>
    public const string WinBack = "WinBack";

    /// <summary>Maintenance mode: a banner, and writes refused while a migration runs.</summary>
    public const string Maintenance = "Maintenance";

    public static IReadOnlyList<string> All { get; } = [ProfilePage, PaymentsUi, PaymentsCta, NewPricing, Trials, SimpleCancellation, WinBack, Maintenance];
}
