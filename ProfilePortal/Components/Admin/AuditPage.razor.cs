using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/audit</c>: who did what and when, with each field's before → after, filtered by actor, action prefix,
/// target, organization and period, one server page at a time. The query checks the admin again.
/// </summary>
public sealed partial class AuditPage
{
    private MudDataGrid<AuditLogRow>? _grid;
    private string? _actor;
    private string? _action;
    private string? _targetType;
    private string? _targetId;
    private string? _organization;
    private string? _organizationError;
    private DateTime? _from;
    private DateTime? _to;
    private AuditLogFilter _filter = new();

    [Inject]
    private AuditLogQuery Audit { get; set; } = default!;

    protected override async Task OnAdminReadyAsync()
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task<GridData<AuditLogRow>> LoadAsync(GridState<AuditLogRow> state, CancellationToken cancellationToken)
    {
        if (!Ready)
        {
            return new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }

        try
        {
            var result = await Audit.SearchAsync(AdminId, _filter, state.Page, state.PageSize, cancellationToken);
            Failed = !result.Succeeded;
            return result.Succeeded
                ? new GridData<AuditLogRow> { Items = result.Value.Rows, TotalItems = result.Value.TotalCount }
                : new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AlertsLog.AuditLoadFailed(Logger, exception);
            Failed = true;
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
        return new DateTimeOffset(local, TimeZones.Resolve(TimeZone).GetUtcOffset(local));
    }

    private async Task ClearAsync()
    {
        (_actor, _action, _targetType, _targetId, _organization, _organizationError, _from, _to) = (null, null, null, null, null, null, null, null);
        _filter = new AuditLogFilter();
        await _grid!.ReloadServerData();
    }
}
