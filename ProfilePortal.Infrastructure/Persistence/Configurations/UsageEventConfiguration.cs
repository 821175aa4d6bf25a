using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

/// <summary>The table the ML platform writes (contract: docs/usage-events.md). Change it only additively.</summary>
internal sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEvent>
{
    public void Configure(EntityTypeBuilder<UsageEvent> builder)
    {
        builder.ToTable("UsageEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Title).HasMaxLength(UsageEvent.TitleMaxLength).IsRequired();
        // Quota and the organization's feed: one organization's events in a period. A user's timeline: their latest events.
        builder.HasIndex(e => new { e.OrganizationId, e.OccurredAt }).HasDatabaseName("IX_UsageEvents_Organization_OccurredAt");
        builder.HasIndex(e => new { e.UserId, e.OccurredAt }).HasDatabaseName("IX_UsageEvents_User_OccurredAt");
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
