using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/jobs</c>: every background job with its schedule, trigger state, next fire and last run; run now,
/// pause and resume a trigger. Every action reloads the list, so what is shown is what the scheduler holds.
/// </summary>
public sealed partial class JobsPage
{
    private JobOverview? _overview;
    private bool _loading;
    private bool _busy;

    [Inject]
    private IJobAdmin Jobs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnAdminReadyAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var result = await Jobs.ListAsync(AdminId);
            Failed = false;
            if (!result.Succeeded)
            {
                Forbidden = true;
                return;
            }

            _overview = result.Value;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminOpsLog.LoadFailed(Logger, exception, "jobs");
            Failed = true;
            _overview = null;
        }
        finally
        {
            _loading = false;
        }
    }

    private Task RunNowAsync(JobView job) =>
        ActAsync(() => Jobs.RunNowAsync(AdminId, job.Id), L["AdminJobs.RunNowDone", JobText.Name(L, job)], "run a job");

    private Task PauseAsync(JobView job, JobTriggerView trigger) =>
        ActAsync(() => Jobs.PauseTriggerAsync(AdminId, trigger.Id), L["AdminJobs.Paused", JobText.Name(L, job)], "pause a trigger");

    private Task ResumeAsync(JobView job, JobTriggerView trigger) =>
        ActAsync(() => Jobs.ResumeTriggerAsync(AdminId, trigger.Id), L["AdminJobs.Resumed", JobText.Name(L, job)], "resume a trigger");

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
