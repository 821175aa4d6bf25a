using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Dashboards;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class DailyMetricConfiguration : IEntityTypeConfiguration<DailyMetric>
{
    public void Configure(EntityTypeBuilder<DailyMetric> builder)
    {
        builder.ToTable("DailyMetrics");
        // The dashboards read a range of days; the rollup rewrites one. The key is that range's index.
        builder.HasKey(m => new { m.Day, m.Metric, m.Dimension });
        builder.Property(m => m.Metric).HasMaxLength(DailyMetric.NameMaxLength).IsRequired();
        builder.Property(m => m.Dimension).HasMaxLength(DailyMetric.NameMaxLength).IsRequired();
        builder.Property(m => m.Value).HasPrecision(19, 4);
    }
}
