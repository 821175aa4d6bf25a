using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class ActivityEventConfiguration : IEntityTypeConfiguration<ActivityEvent>
{
    public void Configure(EntityTypeBuilder<ActivityEvent> builder)
    {
        builder.ToTable("ActivityEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Detail).HasMaxLength(ActivityEvent.DetailMaxLength).IsRequired();
        // Newest first within a window, each branch of the feed by an index: a user's timeline by user, an
        // organization's feed (every member's events in it) by organization. The viewer's own events outside any
        // organization (profile edits) match both of those; with the (user, organization) index present SQLite reads
        // them by user (checked with EXPLAIN QUERY PLAN), without it by organization, i.e. everyone's profile edits.
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.HasIndex(e => new { e.OrganizationId, e.OccurredAt }).HasDatabaseName("IX_ActivityEvents_Organization_OccurredAt");
        builder.HasIndex(e => new { e.UserId, e.OrganizationId, e.OccurredAt }).HasDatabaseName("IX_ActivityEvents_User_Organization_OccurredAt");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
