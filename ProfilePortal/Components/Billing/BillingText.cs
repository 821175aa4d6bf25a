using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Billing;

/// <summary>The billing pages' words for domain values: error codes, statuses.</summary>
internal static class BillingText
{
    /// <summary>The localized message of a billing error, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Billing.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value
        : error.Code.StartsWith(PlanChangePrefix, StringComparison.Ordinal) && l[$"PlanChange.Error.{error.Code[PlanChangePrefix.Length..]}"] is { ResourceNotFound: false } change
            ? change.Value
            : error.Message;

    private const string PlanChangePrefix = "plan_change.";

    public static string Status(IStringLocalizer<SharedResource> l, SubscriptionStatus status) => l[$"Billing.Status.{status}"];

    public static string PaymentStatus(IStringLocalizer<SharedResource> l, Domain.Payments.PaymentStatus status) => l[$"Billing.PaymentStatus.{status}"];

    public static MudBlazor.Color StatusColor(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => MudBlazor.Color.Success,
        SubscriptionStatus.Trialing => MudBlazor.Color.Info,
        SubscriptionStatus.PastDue => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    public static MudBlazor.Color PaymentColor(Domain.Payments.PaymentStatus status) => status switch
    {
        Domain.Payments.PaymentStatus.Succeeded => MudBlazor.Color.Success,
        Domain.Payments.PaymentStatus.Failed => MudBlazor.Color.Error,
        Domain.Payments.PaymentStatus.Pending => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
