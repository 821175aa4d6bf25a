using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Organizations;

/// <summary>The <c>Invitations</c> section: how long an invitation link works.</summary>
public sealed class InvitationOptions
{
    public const string SectionName = "Invitations";

    /// <summary>Days from sending until the link expires (1–90).</summary>
    [Range(1, 90)]
    public int LifetimeDays { get; set; } = 7;

    public TimeSpan Lifetime => TimeSpan.FromDays(LifetimeDays);
}
