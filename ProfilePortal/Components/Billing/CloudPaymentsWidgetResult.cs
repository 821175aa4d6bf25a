namespace ProfilePortal.Components.Billing;

/// <summary>How the customer left the CloudPayments widget: "success", "fail" or "unavailable" (the script did not load).</summary>
internal sealed record CloudPaymentsWidgetResult(string Status, string Reason);
