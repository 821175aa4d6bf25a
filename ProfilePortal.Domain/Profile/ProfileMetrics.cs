using System.Diagnostics.Metrics;

namespace ProfilePortal.Domain.Profile;

/// <summary>
/// The profile page's product metrics under the seeds' names (seed 000 §5, seed 001). Prometheus sees them
/// with its counter suffix: <c>profile_view_total</c>, <c>profile_edit_total</c>, … <c>profile_activity_events_total</c>.
/// </summary>
public sealed class ProfileMetrics
{
    public const string MeterName = "ProfilePortal.Profile";

    private readonly Counter<long> _views;
    private readonly Counter<long> _edits;
    private readonly Counter<long> _quotaWarnings;
    private readonly Counter<long> _ctaClicks;
    private readonly Counter<long> _activityEvents;

    public ProfileMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _views = meter.CreateCounter<long>("profile_view", description: "Profile page views.");
        _edits = meter.CreateCounter<long>("profile_edit", description: "Saved profile edits.");
        _quotaWarnings = meter.CreateCounter<long>("profile_quota_warning_shown", description: "Low or exhausted quota warnings shown.");
        _ctaClicks = meter.CreateCounter<long>("profile_quota_cta_click", description: "Clicks on the quota's Buy button.");
        _activityEvents = meter.CreateCounter<long>("profile_activity_events", description: "Activity events shown on the timeline.");
    }

    public void Viewed() => _views.Add(1);

    public void Edited() => _edits.Add(1);

    public void QuotaWarningShown(Quotas.QuotaLevel level) =>
        _quotaWarnings.Add(1, new KeyValuePair<string, object?>("level", level.ToString().ToLowerInvariant()));

    public void QuotaCtaClicked() => _ctaClicks.Add(1);

    public void ActivityEventsShown(int count) => _activityEvents.Add(count);
}
