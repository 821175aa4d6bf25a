using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The words of the quota extension, refund and subscription move screens for domain values and errors.</summary>
internal static class AdminQuotaText
{
    /// <summary>The localized message of a quota extension, refund or move error, or its English message when unknown.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error)
    {
        if (error == AdminQuotaErrors.LaunchesOutOfRange)
        {
            return l["AdminQuota.Error.Launches", QuotaExtensionService.MinLaunches, QuotaExtensionService.MaxLaunches];
        }

        var key = error switch
        {
            _ when error == AdminQuotaErrors.ReasonRequired || error == RefundErrors.ReasonRequired => "AdminQuota.Error.ReasonRequired",
            _ when error == AdminQuotaErrors.ReasonTooLong || error == RefundErrors.ReasonTooLong => "AdminQuota.Error.ReasonTooLong",
            _ when error == AdminQuotaErrors.ExpiryInPast => "AdminQuota.Error.ExpiryInPast",
            _ when error == AdminQuotaErrors.NoEmails => "AdminQuota.Error.NoEmails",
            _ when error == AdminQuotaErrors.TooManyEmails => "AdminQuota.Error.TooManyEmails",
            _ when error == AdminQuotaErrors.OrganizationNotFound => "AdminQuota.Error.OrganizationNotFound",
            _ when error == RefundErrors.AmountInvalid => "AdminRefund.Error.AmountInvalid",
            _ when error == RefundErrors.OverRefund => "AdminRefund.Error.OverRefund",
            _ when error == RefundErrors.NotPaid => "AdminRefund.Error.NotPaid",
            _ when error == RefundErrors.PaymentNotFound => "AdminRefund.Error.PaymentNotFound",
            _ when error == RefundErrors.ProviderFailed => "AdminRefund.Error.ProviderFailed",
            _ when error == RefundErrors.Changed => "AdminRefund.Error.Changed",
            _ when error == SubscriptionMoveErrors.ReasonRequired => "AdminMove.Error.ReasonRequired",
            _ when error == SubscriptionMoveErrors.ReasonTooLong => "AdminMove.Error.ReasonTooLong",
            _ when error.Code.StartsWith("subscription_move.", StringComparison.Ordinal) => $"AdminMove.Error.{error.Code["subscription_move.".Length..]}",
            _ when error == SubscriptionMoveErrors.TargetRequired => "AdminMove.Error.TargetRequired",
            _ when error.Code == Domain.Common.Error.Forbidden().Code => "AdminQuota.Error.Forbidden",
            _ => null,
        };
        return key is not null && l[key, QuotaGrant.ReasonMaxLength, QuotaExtensionService.MaxEmails] is { ResourceNotFound: false } text ? text.Value : error.Message;
    }

    /// <summary>
    /// Puts the message of each error that names a field under that field in <paramref name="fieldErrors"/>; returns
    /// the message of the last error that names none, or null when every error belongs to a field.
    /// </summary>
    public static string? ShowErrors(IStringLocalizer<SharedResource> l, IEnumerable<Error> errors, IDictionary<string, string> fieldErrors)
    {
        string? general = null;
        foreach (var error in errors)
        {
            if (error.Field is { } field)
            {
                fieldErrors[field] = Error(l, error);
            }
            else
            {
                general = Error(l, error);
            }
        }

        return general;
    }

    public static string Outcome(IStringLocalizer<SharedResource> l, QuotaExtensionOutcome outcome) => l[$"AdminQuota.Outcome.{outcome}"];

    public static MudBlazor.Color OutcomeColor(QuotaExtensionOutcome outcome) => outcome switch
    {
        QuotaExtensionOutcome.Granted => MudBlazor.Color.Success,
        QuotaExtensionOutcome.Duplicate => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Warning,
    };
}
