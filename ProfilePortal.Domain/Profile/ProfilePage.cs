using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Profile;

/// <summary>Everything the profile page shows, loaded together.</summary>
public sealed record ProfilePage(ProfileView Profile, QuotaSnapshot Quota, IReadOnlyList<ActivityItem> Activity, bool HasMoreActivity);
