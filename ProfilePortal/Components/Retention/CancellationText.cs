using Microsoft.Extensions.Localization;
using ProfilePortal.Components.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Retention;

/// <summary>The cancellation flow's words for domain values: reasons and refusals.</summary>
internal static class CancellationText
{
    /// <summary>The reasons in the order the reason step lists them ("other" last).</summary>
    public static IReadOnlyList<CancellationReason> Reasons { get; } =
    [
        CancellationReason.TooExpensive,
        CancellationReason.NotUsingEnough,
        CancellationReason.MissingFeatures,
        CancellationReason.TechnicalProblems,
        CancellationReason.SwitchingService,
        CancellationReason.TakingABreak,
        CancellationReason.Other,
    ];

    public static string Reason(IStringLocalizer<SharedResource> l, CancellationReason reason) => l[$"Cancellation.Reason.{reason}"];

    /// <summary>The localized message of a refusal: the flow's codes first, then the pause's, then billing's.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Cancellation.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value
        : l[$"Pause.Error.{error.Code}"] is { ResourceNotFound: false } pause ? pause.Value
        : BillingText.Error(l, error);
}
