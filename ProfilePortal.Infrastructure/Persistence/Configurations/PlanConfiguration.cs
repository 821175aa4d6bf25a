using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Generation).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.PricePerMonth).HasPrecision(18, 2);
        builder.Property(p => p.TotalPrice).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Ignore(p => p.IsFree);
        builder.Ignore(p => p.Total);
        builder.Ignore(p => p.MonthlyPrice);
    }
}
