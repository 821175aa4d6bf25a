using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/audit</c>: who did what and when, with each field's before → after, filtered by actor, action prefix,
/// target, organization and period, one server page at a time. The query checks the admin again.
/// </summary>
public sealed partial class AuditPage
{
    private MudDataGrid<AuditLogRow>? _grid;
    private Guid _userId;
    private string? _timeZone;
    private bool _ready;
    private bool _failed;
    private string? _actor;
    private string? _action;
    private string? _targetType;
    private string? _targetId;
    private string? _organization;
    private string? _organizationError;
    private DateTime? _from;
    private DateTime? _to;
    private AuditLogFilter _filter = new();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private AuditLogQuery Audit { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private ILogger<AuditPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _userId = await SignedInUser.IdAsync(AuthenticationState);
        _timeZone = (await Organizations.GetWorkspaceAsync(_userId))?.TimeZone;
        _ready = true;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task<GridData<AuditLogRow>> LoadAsync(GridState<AuditLogRow> state, CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            return new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }

        try
        {
            var result = await Audit.SearchAsync(_userId, _filter, state.Page, state.PageSize, cancellationToken);
            _failed = !result.Succeeded;
            return result.Succeeded
                ? new GridData<AuditLogRow> { Items = result.Value.Rows, TotalItems = result.Value.TotalCount }
                : new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AlertsLog.AuditLoadFailed(Logger, exception);
            _failed = true;
            return new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }
    }

    private async Task SearchAsync()
    {
        _organizationError = null;
        Guid? organization = null;
        if (!string.IsNullOrWhiteSpace(_organization))
        {
            if (!Guid.TryParse(_organization.Trim(), out var parsed))
            {
                _organizationError = L["AdminAudit.Filter.OrganizationInvalid"];
                return;
            }

            organization = parsed;
        }

        // The dates are days in the admin's time zone; the period runs from the first day's start to the last day's end.
        _filter = new AuditLogFilter(
            _actor, _action, _targetType, _targetId, organization,
            _from is { } from ? StartOf(from) : null,
            _to is { } to ? StartOf(to.AddDays(1)) : null);
        await _grid!.ReloadServerData();
    }

    private DateTimeOffset StartOf(DateTime day)
    {
        var local = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZones.Resolve(_timeZone).GetUtcOffset(local));
    }

    private async Task ClearAsync()
    {
        (_actor, _action, _targetType, _targetId, _organization, _organizationError, _from, _to) = (null, null, null, null, null, null, null, null);
        _filter = new AuditLogFilter();
        await _grid!.ReloadServerData();
    }
}
