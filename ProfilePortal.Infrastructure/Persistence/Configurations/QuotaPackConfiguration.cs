using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class QuotaPackConfiguration : IEntityTypeConfiguration<QuotaPack>
{
    public void Configure(EntityTypeBuilder<QuotaPack> builder)
    {
        builder.ToTable("QuotaPacks");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Price).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Ignore(p => p.Amount);
    }
}
