using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class QuotaGrantConfiguration : IEntityTypeConfiguration<QuotaGrant>
{
    public void Configure(EntityTypeBuilder<QuotaGrant> builder)
    {
        builder.ToTable("QuotaGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.Reason).HasMaxLength(QuotaGrant.ReasonMaxLength).IsRequired();
        builder.Property(g => g.PackCode).HasMaxLength(32);
        builder.HasIndex(g => new { g.OrganizationId, g.PeriodStart });
        builder.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
