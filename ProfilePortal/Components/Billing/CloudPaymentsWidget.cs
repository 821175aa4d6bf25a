using System.Globalization;
using Microsoft.JSInterop;
using ProfilePortal.Domain.Common;
using ProfilePortal.Infrastructure.Payments.CloudPayments;

namespace ProfilePortal.Components.Billing;

/// <summary>What the CloudPayments widget does with an invoice: takes the money, or only authorises it.</summary>
internal enum CloudPaymentsWidgetMode
{
    /// <summary>A payment (<c>pay('charge')</c>).</summary>
    Charge = 0,

    /// <summary>A two-stage authorisation that takes nothing (<c>pay('auth')</c>): a card binding's check.</summary>
    Auth = 1,
}

/// <summary>How the customer left the widget, as the components act on it.</summary>
internal enum CloudPaymentsWidgetStatus
{
    /// <summary>The widget reported success: wait for the provider's notification on the server.</summary>
    Succeeded = 0,

    /// <summary>The payment failed or the customer closed the widget.</summary>
    Failed = 1,

    /// <summary>The provider's script could not load, or the browser call broke.</summary>
    Unavailable = 2,
}

/// <summary>One invoice as the widget is opened with it; the organization is the notifications' <c>AccountId</c>.</summary>
internal sealed record CloudPaymentsWidgetInvoice(string InvoiceId, Guid OrganizationId, string Description, Money Amount, string PayerEmail);

/// <summary>
/// The CloudPayments widget as the portal's components use it, so that the checkout's pay button and the card
/// binding load it, fail and wait the same way: imports <c>js/cloudpayments.js</c> once (which loads the
/// provider's script), opens the widget for one invoice, and then waits for the provider's notification to be
/// applied on the server, since only the notification settles anything. One per component; dispose it with it.
/// </summary>
internal sealed class CloudPaymentsWidget(IJSRuntime js, CloudPaymentsOptions options, TimeProvider clock) : IAsyncDisposable
{
    /// <summary>How long to wait for the provider's notification after the widget closed with success.</summary>
    public static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private IJSObjectReference? _module;

    public async Task<CloudPaymentsWidgetStatus> OpenAsync(CloudPaymentsWidgetMode mode, CloudPaymentsWidgetInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/cloudpayments.js");
            var result = await _module.InvokeAsync<CloudPaymentsWidgetResult>("pay", options.WidgetScriptUrl.ToString(), new
            {
                mode = mode == CloudPaymentsWidgetMode.Auth ? "auth" : "charge",
                publicId = options.PublicId,
                description = invoice.Description,
                amount = invoice.Amount.Amount,
                currency = invoice.Amount.Currency,
                invoiceId = invoice.InvoiceId,
                accountId = invoice.OrganizationId.ToString(),
                email = invoice.PayerEmail,
                language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en-US" : "ru-RU",
            });
            return result.Status switch
            {
                "success" => CloudPaymentsWidgetStatus.Succeeded,
                "unavailable" => CloudPaymentsWidgetStatus.Unavailable,
                _ => CloudPaymentsWidgetStatus.Failed,
            };
        }
        catch (JSException)
        {
            return CloudPaymentsWidgetStatus.Unavailable;
        }
    }

    /// <summary>
    /// Asks <paramref name="settled"/> once a second until it answers (non-null) or <see cref="SettleWait"/> has
    /// passed; null then: the notification may still come, later than the page waits.
    /// </summary>
    public async Task<T?> WaitForSettlementAsync<T>(Func<Task<T?>> settled)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(settled);
        var deadline = clock.GetUtcNow() + SettleWait;
        while (clock.GetUtcNow() < deadline)
        {
            if (await settled() is { } answer)
            {
                return answer;
            }

            await Task.Delay(PollInterval, clock);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone with the module.
            }
        }
    }
}
