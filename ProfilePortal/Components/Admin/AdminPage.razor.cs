using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin</c>: links to the admin sections and the open alerts of seed 002 §3 (severity, rule, value against the
/// threshold, since when), each acknowledged with one click. The domain checks the admin again and audits.
/// </summary>
public sealed partial class AdminPage
{
    private PageState _state = PageState.Loading;
    private Guid _userId;
    private string? _timeZone;
    private IReadOnlyList<AlertView> _alerts = [];
    private bool _busy;

    private enum PageState
    {
        Loading,
        Failed,
        Ready,
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private AlertService Alerts { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<AdminPage> Logger { get; set; } = default!;

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
            _timeZone = (await Organizations.GetWorkspaceAsync(_userId))?.TimeZone;
            var alerts = await Alerts.ListOpenAsync(_userId);
            if (!alerts.Succeeded)
            {
                _state = PageState.Failed;
                return;
            }

            _alerts = alerts.Value;
            _state = PageState.Ready;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AlertsLog.AlertsLoadFailed(Logger, exception);
            _state = PageState.Failed;
        }
    }

    private async Task AcknowledgeAsync(AlertView alert)
    {
        _busy = true;
        try
        {
            var result = await Alerts.AcknowledgeAsync(_userId, alert.Id);
            if (result.Succeeded)
            {
                Snackbar.Add(L["AdminAlerts.Acknowledged", L[$"AdminAlerts.Rule.{alert.Rule}"]], Severity.Success);
            }
            else
            {
                Snackbar.Add(AlertText.Error(L, result.Errors[0]), Severity.Warning);
            }

            await LoadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AlertsLog.AcknowledgeFailed(Logger, exception);
            Snackbar.Add(L["AdminAlerts.AcknowledgeFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
