using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Audit;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

// No foreign keys: the trail outlives the users and organizations it mentions.
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.TargetType).HasMaxLength(64).IsRequired();
        builder.Property(e => e.TargetId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Changes).IsRequired();
        builder.HasIndex(e => new { e.TargetType, e.TargetId, e.OccurredAt });
        builder.HasIndex(e => e.OccurredAt);
        // Counts of one kind of event in a window: the payment outcomes behind the rollout's error rates.
        builder.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}
