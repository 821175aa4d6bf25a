using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using MudBlazor;
using ProfilePortal.Components.Profile;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Components.Billing;

/// <summary>
/// <c>/billing</c>: the organization's plan, card, quota packs and payment history. Only the owner and admins see
/// it. Loads once the circuit is up; every action reloads the page's data so what is shown is what is stored.
/// </summary>
public sealed partial class BillingPage
{
    private PageState _state = PageState.Loading;
    private Guid _userId;
    private Guid _organizationId;
    private string? _timeZone;
    private BillingOverview? _overview;
    private IReadOnlyList<QuotaPackOffer> _packs = [];
    private bool _paymentsOn;
    private bool _busy;

    private enum PageState
    {
        Loading,
        ManagersOnly,
        Failed,
        Ready,
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private BillingService Billing { get; set; } = default!;

    [Inject]
    private CancellationService Cancellations { get; set; } = default!;

    [Inject]
    private PlanChangeService PlanChanges { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private CatalogService Catalogs { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IOptions<QuotaOptions> QuotaOptions { get; set; } = default!;

    [Inject]
    private ILogger<BillingPage> Logger { get; set; } = default!;

    private int FreeLaunches => QuotaOptions.Value.DefaultMonthlyLaunches;

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
        _state = PageState.Loading;
        try
        {
            var workspace = await Organizations.GetWorkspaceAsync(_userId);
            if (workspace is null || !workspace.CanManageBilling)
            {
                _state = PageState.ManagersOnly;
                return;
            }

            _organizationId = workspace.Current.OrganizationId;
            _timeZone = workspace.TimeZone;
            _paymentsOn = await Features.IsEnabledAsync(FeatureNames.PaymentsUi);
            var overview = await Billing.GetOverviewAsync(_userId, _organizationId);
            if (!overview.Succeeded)
            {
                _state = PageState.ManagersOnly;
                return;
            }

            _overview = overview.Value;
            _packs = _paymentsOn ? (await Catalogs.GetAsync()).Packs : [];
            _state = PageState.Ready;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.LoadFailed(Logger, exception);
            _state = PageState.Failed;
        }
    }

    private async Task ReplaceCardAsync()
    {
        var parameters = new DialogParameters<CardDialog>
        {
            { d => d.UserId, _userId },
            { d => d.OrganizationId, _organizationId },
        };
        var dialog = await Dialogs.ShowAsync<CardDialog>(L["Billing.CardDialogTitle"], parameters, CardDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Billing.CardSaved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RemoveCardAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Billing.RemoveCardTitle"],
            _overview?.Plan.IsFree == false ? L["Billing.RemoveCardPaidWarning"] : L["Billing.RemoveCardText"],
            yesText: L["Billing.RemoveCard"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Billing.RemoveCardAsync(_userId, _organizationId);
            Notify(result, L["Billing.CardRemoved"]);
        });
    }

    private async Task ResumeSubscriptionAsync()
    {
        await RunAsync(async () =>
        {
            var result = await Cancellations.ResumeAsync(_userId, _organizationId);
            if (result.Succeeded)
            {
                Snackbar.Add(L["Cancellation.Resumed"], Severity.Success);
            }
            else
            {
                Snackbar.Add(Retention.CancellationText.Error(L, result.Errors[0]), Severity.Error);
            }
        });
    }

    private async Task BuyPackAsync(QuotaPackOffer pack)
    {
        await RunAsync(async () =>
        {
            // One key per offer shown: a double click on "Buy" reaches the same payment.
            var checkout = await Billing.StartPackPurchaseAsync(_userId, _organizationId, pack.Code, $"{_organizationId:N}-{pack.Code}-{Guid.NewGuid():N}");
            if (!checkout.Succeeded)
            {
                Snackbar.Add(BillingText.Error(L, checkout.Errors[0]), Severity.Error);
                return;
            }

            var parameters = new DialogParameters<PayDialog>
            {
                { d => d.Checkout, checkout.Value },
                { d => d.UserId, _userId },
                { d => d.Title, L["Billing.PackDialogTitle", CatalogText.PackName(L, pack.Code, pack.Name), pack.Launches] },
            };
            var dialog = await Dialogs.ShowAsync<PayDialog>(L["Billing.BuyPack"], parameters, PayDialog.Options);
            if (await dialog.Result is { Canceled: false })
            {
                Snackbar.Add(L["Billing.PackBought", pack.Launches], Severity.Success);
            }
        });
    }

    /// <summary>Plans change on a running paid subscription: not on Free, in a trial, past due or paused (ADR-011).</summary>
    private static bool CanChangePlan(BillingOverview overview) => !overview.Plan.IsFree && overview.Status == SubscriptionStatus.Active;

    private async Task ChangePlanAsync()
    {
        var done = await PlanChangeDialog.ShowAsync(Dialogs, L, _userId, _organizationId, timeZone: _timeZone);
        if (done is not null)
        {
            var plan = CatalogText.PlanName(L, done.NewPlan.Code, done.NewPlan.Name);
            Snackbar.Add(done.IsUpgrade ? L["PlanChange.Upgraded", plan] : L["PlanChange.Downgraded", plan, ProfileDisplay.Date(done.EffectiveAt, _timeZone)], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task KeepPlanAsync()
    {
        await RunAsync(async () =>
        {
            var result = await PlanChanges.CancelScheduledDowngradeAsync(_userId, _organizationId);
            Notify(result, L["PlanChange.Kept"]);
        });
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            await LoadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BillingLog.ActionFailed(Logger, exception);
            Snackbar.Add(L["Billing.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Notify(Domain.Common.Result result, string success)
    {
        if (result.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
        }
        else
        {
            Snackbar.Add(BillingText.Error(L, result.Errors[0]), Severity.Error);
        }
    }

    private static string Expiry(CardSummary card) => $"{card.ExpiryMonth:00}/{card.ExpiryYear % 100:00}";
}
