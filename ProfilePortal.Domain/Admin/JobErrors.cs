using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Admin;

/// <summary>The expected refusals of the jobs admin, with stable codes the UI localizes.</summary>
public static class JobErrors
{
    public static readonly Error JobNotFound = Error.NotFound("job");

    public static readonly Error TriggerNotFound = Error.NotFound("job_trigger");

    public static readonly Error SchedulerOff = new("jobs.scheduler_off", "The scheduler is switched off on this node.");
}
