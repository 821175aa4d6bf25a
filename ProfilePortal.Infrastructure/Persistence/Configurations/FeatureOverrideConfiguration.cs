using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class FeatureOverrideConfiguration : IEntityTypeConfiguration<FeatureOverride>
{
    public void Configure(EntityTypeBuilder<FeatureOverride> builder)
    {
        builder.ToTable("FeatureOverrides");
        builder.HasKey(f => f.FeatureName);
        builder.Property(f => f.FeatureName).HasMaxLength(64);
        builder.Property(f => f.UpdatedBy).HasMaxLength(256).IsRequired();
    }
}
