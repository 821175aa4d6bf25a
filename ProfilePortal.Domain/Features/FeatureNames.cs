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

    /// <summary>Maintenance mode: a banner, and writes refused while a migration runs.</summary>
    public const string Maintenance = "Maintenance";

    public static IReadOnlyList<string> All { get; } = [ProfilePage, PaymentsUi, PaymentsCta, NewPricing, Trials, Maintenance];
}
