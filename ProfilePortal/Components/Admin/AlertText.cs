using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The admin home's words for alert values and errors.</summary>
internal static class AlertText
{
    /// <summary>"7,5 % (threshold &gt; 5 %)" or "0 (threshold &lt; 1)".</summary>
    public static string ValueAgainstThreshold(IStringLocalizer<SharedResource> l, AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var side = alert.Comparison == AlertComparison.Above ? ">" : "<";
        return l["AdminAlerts.ValueAgainst", Amount(alert.Unit, alert.Value), $"{side} {Amount(alert.Unit, alert.Threshold)}"];
    }

    public static string Amount(AlertUnit unit, double value) => unit == AlertUnit.Percent
        ? string.Create(CultureInfo.CurrentCulture, $"{value:0.#} %")
        : string.Create(CultureInfo.CurrentCulture, $"{value:0.##}");

    public static string Error(IStringLocalizer<SharedResource> l, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = l[$"AdminAlerts.Error.{error.Code}"];
        return text.ResourceNotFound ? error.Message : text;
    }
}
