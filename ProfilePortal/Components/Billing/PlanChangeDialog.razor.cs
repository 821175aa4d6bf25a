using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Billing;

/// <summary>
/// The plan change dialog. It closes with a <see cref="PlanChangeQuote"/> once the change is done: an upgrade paid (or
/// applied, when the credit covered it), or a downgrade scheduled; cancelled otherwise. Open it with
/// <see cref="ShowAsync"/>.
/// </summary>
public sealed partial class PlanChangeDialog
{
    private PlanChangeChoices? _choices;
    private PlanChangeQuote? _quote;
    private string? _selected;
    private string? _error;
    private bool _loading = true;
    private bool _quoting;
    private bool _busy;

    public static DialogOptions Options { get; } = new() { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PlanChangeService PlanChanges { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ILogger<PlanChangeDialog> Logger { get; set; } = default!;

    /// <summary>The acting user: the organization's owner or an admin.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>The organization whose subscription changes plans.</summary>
    [Parameter, EditorRequired]
    public Guid OrganizationId { get; set; }

    /// <summary>
    /// A plan to select and quote as soon as the dialog opens, e.g. the cancellation flow's longer plan; the customer
    /// still sees the quote and confirms it. Null opens the dialog with no plan selected.
    /// </summary>
    [Parameter]
    public string? PreselectedPlanCode { get; set; }

    /// <summary>The user's IANA time zone for the dates shown; null means UTC.</summary>
    [Parameter]
    public string? TimeZone { get; set; }

    /// <summary>
    /// Opens the dialog and returns the change made (its quote), or null when the customer closed it without one.
    /// </summary>
    public static async Task<PlanChangeQuote?> ShowAsync(
        IDialogService dialogs, IStringLocalizer<SharedResource> l, Guid userId, Guid organizationId, string? preselectedPlanCode = null, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(l);
        var parameters = new DialogParameters<PlanChangeDialog>
        {
            { d => d.UserId, userId },
            { d => d.OrganizationId, organizationId },
            { d => d.PreselectedPlanCode, preselectedPlanCode },
            { d => d.TimeZone, timeZone },
        };
        var dialog = await dialogs.ShowAsync<PlanChangeDialog>(l["PlanChange.Title"], parameters, Options);
        return await dialog.Result is { Canceled: false, Data: PlanChangeQuote done } ? done : null;
    }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var choices = await PlanChanges.GetChoicesAsync(UserId, OrganizationId);
            if (!choices.Succeeded)
            {
                _error = BillingText.Error(L, choices.Errors[0]);
                return;
            }

            _choices = choices.Value;
            if (PreselectedPlanCode is { } code && _choices.Plans.Any(p => p.Plan.Code == code))
            {
                await SelectAsync(code);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.LoadFailed(Logger, exception);
            _error = L["Billing.LoadFailed"];
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task SelectAsync(string code)
    {
        _selected = code;
        _quote = null;
        _error = null;
        _quoting = true;
        try
        {
            var quote = await PlanChanges.QuoteAsync(UserId, OrganizationId, code);
            if (quote.Succeeded)
            {
                _quote = quote.Value;
            }
            else
            {
                _error = BillingText.Error(L, quote.Errors[0]);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.ActionFailed(Logger, exception);
            _error = L["Billing.ActionFailed"];
        }
        finally
        {
            _quoting = false;
        }
    }

    private async Task ConfirmAsync()
    {
        if (_quote is not { } quote)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            if (quote.IsUpgrade)
            {
                await UpgradeAsync(quote);
            }
            else
            {
                var scheduled = await PlanChanges.ScheduleDowngradeAsync(UserId, OrganizationId, quote.NewPlan.Code);
                Finish(scheduled.Succeeded ? scheduled.Value : null, scheduled.Errors);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.ActionFailed(Logger, exception);
            _error = L["Billing.ActionFailed"];
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Starts the upgrade and pays it in the payment dialog; one the credit pays for is done at once.</summary>
    private async Task UpgradeAsync(PlanChangeQuote quote)
    {
        var started = await PlanChanges.StartUpgradeAsync(UserId, OrganizationId, quote.NewPlan.Code);
        if (!started.Succeeded || started.Value is not { } checkout)
        {
            Finish(started.Succeeded ? quote : null, started.Errors);
            return;
        }

        var parameters = new DialogParameters<PayDialog>
        {
            { d => d.Checkout, checkout },
            { d => d.UserId, UserId },
            { d => d.Title, L["PlanChange.PayTitle", CatalogText.PlanName(L, quote.NewPlan.Code, quote.NewPlan.Name)] },
        };
        var payment = await Dialogs.ShowAsync<PayDialog>(L["PlanChange.Title"], parameters, PayDialog.Options);
        if (await payment.Result is { Canceled: false })
        {
            Dialog.Close(DialogResult.Ok(quote));
        }
        else
        {
            // Closed without paying: the price may have moved on; quote it again before the next try.
            await SelectAsync(quote.NewPlan.Code);
        }
    }

    private void Finish(PlanChangeQuote? done, IReadOnlyList<Domain.Common.Error> errors)
    {
        if (done is not null)
        {
            Dialog.Close(DialogResult.Ok(done));
        }
        else
        {
            _error = BillingText.Error(L, errors[0]);
        }
    }
}
