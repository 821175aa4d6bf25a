using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Alerts;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        // One open alert per rule, even if two evaluation runs ever met. Plain SQL both providers read.
        builder.HasIndex(a => a.Rule)
            .IsUnique()
            .HasFilter("\"ResolvedAt\" IS NULL")
            .HasDatabaseName("IX_Alerts_Rule_Open");
        builder.HasIndex(a => a.RaisedAt);
        builder.Property(a => a.Rule).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Unit).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Comparison).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsOpen);
    }
}
