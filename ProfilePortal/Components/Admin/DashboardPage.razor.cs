using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Dashboards;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/dashboard</c>: seed 002's business figures over a chosen period of UTC days (the last 7, 30, 90 or 365,
/// or a range), read from the daily rollup in one call; totals as cards, the daily story as charts.
/// </summary>
public sealed partial class DashboardPage : AdminPageBase
{
    private static readonly int[] Presets = [7, 30, 90, 365];

    private PageState _state = PageState.Loading;
    private int? _preset = 30;
    private DashboardPeriod? _period;
    private DateRange? _range;
    private string? _periodError;
    private Dashboard? _dashboard;
    private DashboardCharts? _charts;

    private enum PageState
    {
        Loading,
        Forbidden,
        Failed,
        Ready,
    }

    [Inject]
    private DashboardQueries Dashboards { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private DateOnly Today => DashboardDays.Of(Clock.GetUtcNow());

    protected override Task OnAdminReadyAsync() => ShowLastAsync(_preset!.Value);

    private Task ShowLastAsync(int days)
    {
        _preset = days;
        _periodError = null;
        _period = DashboardPeriod.Last(days, Today);
        _range = new DateRange(_period.From.ToDateTime(TimeOnly.MinValue), _period.To.ToDateTime(TimeOnly.MinValue));
        return LoadAsync();
    }

    private Task ShowRangeAsync()
    {
        if (_range?.Start is not { } start || _range.End is not { } end)
        {
            _periodError = L["AdminDashboard.RangeRequired"];
            return Task.CompletedTask;
        }

        _preset = null;
        _periodError = null;
        _period = new DashboardPeriod(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end));
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _state = PageState.Loading;
        try
        {
            var result = await Dashboards.LoadAsync(AdminId, _period!);
            if (result.Succeeded)
            {
                _dashboard = result.Value;
                _charts = DashboardCharts.Of(result.Value, L, Culture);
                _state = PageState.Ready;
            }
            else if (result.Errors[0] == Domain.Common.Error.Forbidden())
            {
                _state = PageState.Forbidden;
            }
            else
            {
                // A period the domain refuses keeps the last dashboard on screen and says why by the range.
                _periodError = DashboardText.Error(L, result.Errors[0]);
                _state = _dashboard is null ? PageState.Failed : PageState.Ready;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminOpsLog.LoadFailed(Logger, exception, "dashboard");
            _state = PageState.Failed;
        }
    }
}
