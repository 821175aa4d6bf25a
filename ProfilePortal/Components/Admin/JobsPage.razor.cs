using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/jobs</c>: every background job with its schedule, trigger state, next fire and last run; run now,
/// pause and resume a trigger. Every action reloads the list, so what is shown is what the scheduler holds.
/// </summary>
public sealed partial class JobsPage
{
    private JobOverview? _overview;
    private Guid _adminId;
    private string? _timeZone;
    private bool _forbidden;
    private bool _failed;
    private bool _loading;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IJobAdmin Jobs { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<JobsPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _adminId = await SignedInUser.IdAsync(AuthenticationState);
        _timeZone = await AdminTimeZone.LoadAsync(Organizations, _adminId, Logger);

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var result = await Jobs.ListAsync(_adminId);
            _failed = false;
            if (!result.Succeeded)
            {
                _forbidden = true;
                return;
            }

            _overview = result.Value;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminOpsLog.LoadFailed(Logger, exception, "jobs");
            _failed = true;
            _overview = null;
        }
        finally
        {
            _loading = false;
        }
    }

    private Task RunNowAsync(JobView job) =>
        ActAsync(() => Jobs.RunNowAsync(_adminId, job.Id), L["AdminJobs.RunNowDone", JobText.Name(L, job)], "run a job");

    private Task PauseAsync(JobView job, JobTriggerView trigger) =>
        ActAsync(() => Jobs.PauseTriggerAsync(_adminId, trigger.Id), L["AdminJobs.Paused", JobText.Name(L, job)], "pause a trigger");

    private Task ResumeAsync(JobView job, JobTriggerView trigger) =>
        ActAsync(() => Jobs.ResumeTriggerAsync(_adminId, trigger.Id), L["AdminJobs.Resumed", JobText.Name(L, job)], "resume a trigger");

    private async Task ActAsync(Func<Task<Result>> act, string success, string action)
    {
        _busy = true;
        try
        {
            var result = await act();
            if (result.Succeeded)
            {
                Snackbar.Add(success, Severity.Success);
            }
            else
            {
                Snackbar.Add(JobText.Error(L, result.Errors[0]), Severity.Error);
            }

            await LoadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminOpsLog.ActionFailed(Logger, exception, action);
            Snackbar.Add(L["AdminJobs.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
