using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using ProfilePortal.Components.Billing;
using ProfilePortal.Components.Profile;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Components.Retention;

/// <summary>
/// <c>/billing/cancel</c>: loads what can be cancelled, then walks the customer through the steps, each one a call
/// to <see cref="CancellationService"/>; a refusal is shown where it happened and nothing is lost.
/// </summary>
public sealed partial class CancelPage
{
    private Stage _stage = Stage.Loading;
    private Guid _userId;
    private Guid _organizationId;
    private string? _timeZone;
    private string? _message;
    private bool _busy;
    private bool _simpleConfirming;
    private CancellationContext? _context;
    private CancellationReason? _reason;
    private string? _otherText;
    private string? _reasonError;
    private string? _otherTextError;
    private CancellationStep? _step;
    private CancellationDone? _done;
    private OfferAcceptance? _saved;

    private enum Stage
    {
        Loading,
        Failed,
        Unavailable,
        Refused,
        Simple,
        Reason,
        Offer,
        Confirm,
        Done,
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private CancellationService Cancellations { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private IOptions<QuotaOptions> QuotaOptions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private PauseStateNotifier PauseState { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<CancelPage> Logger { get; set; } = default!;

    private int FreeLaunches => QuotaOptions.Value.DefaultMonthlyLaunches;

    private string PlanName => _context is { } context ? CatalogText.PlanName(L, context.PlanCode, context.PlanName) : string.Empty;

    private int StepIndex => _stage switch
    {
        Stage.Offer => 1,
        Stage.Confirm => 2,
        Stage.Done => 3,
        _ => 0,
    };

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _userId = await SignedInUser.IdAsync(AuthenticationState);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _stage = Stage.Loading;
        try
        {
            var workspace = await Organizations.GetWorkspaceAsync(_userId);
            if (workspace is null || !workspace.CanManageBilling)
            {
                _message = L["Billing.Error.billing.managers_only"];
                _stage = Stage.Unavailable;
                return;
            }

            _organizationId = workspace.Current.OrganizationId;
            _timeZone = workspace.TimeZone;
            var context = await Cancellations.GetContextAsync(_userId, _organizationId);
            if (!context.Succeeded)
            {
                _message = CancellationText.Error(L, context.Errors[0]);
                _stage = Stage.Unavailable;
                return;
            }

            _context = context.Value;
            _message = null;
            _stage = _context.Refusal is not null ? Stage.Refused : _context.SimpleFlow ? Stage.Simple : Stage.Reason;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.LoadFailed(Logger, exception);
            _stage = Stage.Failed;
        }
    }

    private Task BeginAsync() => RunAsync(async () =>
    {
        _reasonError = _otherTextError = null;
        var step = await Cancellations.BeginAsync(_userId, _organizationId, _reason, _otherText);
        if (step.Succeeded)
        {
            _step = step.Value;
            _stage = Stage.Offer;
            return;
        }

        var error = step.Errors[0];
        switch (error.Field)
        {
            case "reason":
                _reasonError = CancellationText.Error(L, error);
                break;
            case "otherText":
                _otherTextError = CancellationText.Error(L, error);
                break;
            default:
                await RefuseAsync(error);
                break;
        }
    });

    private Task AcceptAsync((SaveOfferKind Kind, int? PauseMonths) choice) => RunAsync(async () =>
    {
        // The longer plan is a real upgrade: it is quoted (with the credit for the unused period) and paid in the
        // plan change dialog first; only a completed change ends the flow as saved. Closing the dialog keeps the offer.
        if (choice.Kind == SaveOfferKind.LongerPlan && _step?.Offer is SaveOffer.LongerPlan plan
            && await PlanChangeDialog.ShowAsync(Dialogs, L, _userId, _organizationId, plan.PlanCode, _timeZone) is null)
        {
            return;
        }

        var accepted = await Cancellations.AcceptOfferAsync(_userId, _step!.FlowId, choice.Kind, choice.PauseMonths);
        if (!accepted.Succeeded)
        {
            await RefuseAsync(accepted.Errors[0]);
            return;
        }

        _saved = accepted.Value;
        _stage = Stage.Done;
        if (choice.Kind == SaveOfferKind.Pause)
        {
            // The layout's banner says the plan is paused without a reload.
            await PauseState.NotifyChangedAsync();
        }
    });

    private Task ConfirmAsync() => RunAsync(async () =>
    {
        var done = await Cancellations.ConfirmAsync(_userId, _step!.FlowId);
        if (done.Succeeded)
        {
            _done = done.Value;
            _stage = Stage.Done;
        }
        else
        {
            await RefuseAsync(done.Errors[0]);
        }
    });

    private Task CancelSimplyAsync() => RunAsync(async () =>
    {
        var done = await Cancellations.CancelSimplyAsync(_userId, _organizationId);
        if (done.Succeeded)
        {
            _done = done.Value;
            _stage = Stage.Done;
        }
        else
        {
            await RefuseAsync(done.Errors[0]);
        }
    });

    private Task ResumeAsync() => RunAsync(async () =>
    {
        var resumed = await Cancellations.ResumeAsync(_userId, _organizationId);
        if (resumed.Succeeded)
        {
            Snackbar.Add(L["Cancellation.Resumed"], Severity.Success);
            _done = null;
            await LoadAsync();
        }
        else
        {
            _message = CancellationText.Error(L, resumed.Errors[0]);
        }
    });

    /// <summary>
    /// A refusal the steps cannot fix in place (the flow was decided in another tab, the subscription changed, the
    /// switch flipped): the page reloads what is true now and says why, keeping the reason the customer typed.
    /// </summary>
    private async Task RefuseAsync(Error error)
    {
        var message = CancellationText.Error(L, error);
        await LoadAsync();
        _message = message;
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _message = null;
        try
        {
            await action();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.ActionFailed(Logger, exception);
            _message = L["Billing.ActionFailed"];
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The steps move only when the domain answers; clicking a step's title does nothing.</summary>
    private static Task KeepStepsInOrder(StepperInteractionEventArgs args)
    {
        args.Cancel = true;
        return Task.CompletedTask;
    }

    private string SavedText(OfferAcceptance saved) => saved switch
    {
        { Kind: SaveOfferKind.Discount, DiscountEndsAt: { } ends } => L["Cancellation.Saved.Discount", ProfileDisplay.Date(ends, _timeZone)],
        { Kind: SaveOfferKind.Pause, PauseEndsAt: { } ends } => L["Cancellation.Saved.Pause", ProfileDisplay.Date(ends, _timeZone)],
        { Kind: SaveOfferKind.LongerPlan } when _step?.Offer is SaveOffer.LongerPlan plan => L["Cancellation.Saved.Plan", CatalogText.PlanName(L, plan.PlanCode, plan.PlanName)],
        _ => L["Cancellation.Saved.Plan", saved.PlanCode ?? string.Empty],
    };
}
