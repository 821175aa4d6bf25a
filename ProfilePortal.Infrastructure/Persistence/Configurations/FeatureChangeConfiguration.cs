using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

// No foreign key to the user: the history outlives the people it names, as the audit trail does.
internal sealed class FeatureChangeConfiguration : IEntityTypeConfiguration<FeatureChange>
{
    public void Configure(EntityTypeBuilder<FeatureChange> builder)
    {
        builder.ToTable("FeatureChanges");
        builder.HasKey(c => c.Id);
        // A flag's history, newest first.
        builder.HasIndex(c => new { c.FeatureName, c.ChangedAt });
        builder.Property(c => c.FeatureName).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Actor).HasMaxLength(FeatureChange.ActorMaxLength).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(FeatureChange.ReasonMaxLength);
        builder.Ignore(c => c.From);
        builder.Ignore(c => c.To);
    }
}
