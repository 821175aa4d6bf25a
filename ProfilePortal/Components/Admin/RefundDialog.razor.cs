using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// The refund dialog for one payment: it loads what was paid and refunded, offers the rest (a partial refund is an
/// edit of the amount) and closes with the <see cref="RefundReceipt"/>, or cancelled. Open it with <see cref="ShowAsync"/>.
/// </summary>
public sealed partial class RefundDialog
{
    private RefundablePayment? _payment;
    private decimal _amount;
    private string? _reason;
    private Dictionary<string, string> _fieldErrors = [];
    private string? _error;
    private bool _saving;

    public static DialogOptions Options { get; } = new() { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private RefundService Refunds { get; set; } = default!;

    [Inject]
    private ILogger<RefundDialog> Logger { get; set; } = default!;

    /// <summary>The signed-in admin who refunds.</summary>
    [Parameter, EditorRequired]
    public Guid AdminId { get; set; }

    /// <summary>The payment to refund; its amounts are read when the dialog opens, so they are current.</summary>
    [Parameter, EditorRequired]
    public Guid PaymentId { get; set; }

    /// <summary>The amount offered at first; null offers everything that is left.</summary>
    [Parameter]
    public decimal? SuggestedAmount { get; set; }

    /// <summary>Opens the dialog and returns the refund made, or null when the admin closed it without one.</summary>
    public static async Task<RefundReceipt?> ShowAsync(
        IDialogService dialogs, IStringLocalizer<SharedResource> l, Guid adminId, Guid paymentId, decimal? suggestedAmount = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(l);
        var parameters = new DialogParameters<RefundDialog>
        {
            { d => d.AdminId, adminId },
            { d => d.PaymentId, paymentId },
            { d => d.SuggestedAmount, suggestedAmount },
        };
        var dialog = await dialogs.ShowAsync<RefundDialog>(l["AdminRefund.DialogTitle"], parameters, Options);
        return await dialog.Result is { Canceled: false, Data: RefundReceipt done } ? done : null;
    }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var loaded = await Refunds.GetAsync(AdminId, PaymentId);
            if (!loaded.Succeeded)
            {
                _error = AdminQuotaText.Error(L, loaded.Errors[0]);
                return;
            }

            _payment = loaded.Value;
            _amount = SuggestedAmount is { } suggested && suggested <= _payment.Remaining.Amount ? suggested : _payment.Remaining.Amount;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "refund dialog load");
            _error = L["AdminRefund.LoadFailed"];
        }
    }

    private async Task RefundAsync()
    {
        _error = null;
        _fieldErrors = [];
        _saving = true;
        try
        {
            var result = await Refunds.RefundAsync(AdminId, PaymentId, _amount, _reason);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            }

            _error = AdminQuotaText.ShowErrors(L, result.Errors, _fieldErrors) ?? _error;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "refund");
            _error = L["AdminRefund.Failed"];
        }
        finally
        {
            _saving = false;
        }
    }

    private string? FieldError(string field) => _fieldErrors.GetValueOrDefault(field);

    private static string Format(Money money) => MoneyFormat.Format(money);
}
