using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Credentials;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationCredentialConfiguration : IEntityTypeConfiguration<OrganizationCredential>
{
    public void Configure(EntityTypeBuilder<OrganizationCredential> builder)
    {
        builder.ToTable("OrganizationCredentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(OrganizationCredential.NameMaxLength).IsRequired();
        builder.Property(c => c.NormalizedName).HasMaxLength(OrganizationCredential.NameMaxLength).IsRequired();
        // The Data Protection payload of up to 4,000 characters is longer than the value: no fixed limit.
        builder.Property(c => c.ProtectedValue).IsRequired();
        builder.Property(c => c.Hint).HasMaxLength(OrganizationCredential.HintLength);
        builder.Property(c => c.Note).HasMaxLength(OrganizationCredential.NoteMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.OrganizationId, c.NormalizedName }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
