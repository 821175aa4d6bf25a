using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength).IsRequired();
        // The admins' customer search finds people by their organization's name (ADR-015).
        builder.Property(o => o.NormalizedName).HasMaxLength(SearchKey.MaxLength);
        builder.HasIndex(o => o.NormalizedName);
        // Two Owners demoting or removing each other at once: one save wins, the other conflicts (ADR-019).
        builder.Property(o => o.OwnersStamp).IsConcurrencyToken();
        builder.HasMany(o => o.Members).WithOne(m => m.Organization).HasForeignKey(m => m.OrganizationId);
    }
}
