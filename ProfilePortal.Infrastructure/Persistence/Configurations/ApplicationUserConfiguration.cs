using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FirstName).HasMaxLength(ApplicationUser.NameMaxLength);
        builder.Property(u => u.LastName).HasMaxLength(ApplicationUser.NameMaxLength);
        builder.Property(u => u.Company).HasMaxLength(200);
        builder.Property(u => u.Country).HasMaxLength(2);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Property(u => u.AvatarUrl).HasMaxLength(2048);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(8).IsRequired();
        builder.Ignore(u => u.DisplayName);
        // The rollout's trial-start rate reads the people who signed up in a window.
        builder.HasIndex(u => u.CreatedAt);
        // The admins' customer search: prefix ranges and sorted pages on the normalized keys (ADR-015).
        builder.Property(u => u.NormalizedFirstName).HasMaxLength(SearchKey.MaxLength);
        builder.Property(u => u.NormalizedLastName).HasMaxLength(SearchKey.MaxLength);
        builder.Property(u => u.NormalizedCompany).HasMaxLength(SearchKey.MaxLength);
        builder.HasIndex(u => u.NormalizedFirstName);
        builder.HasIndex(u => new { u.NormalizedLastName, u.NormalizedFirstName });
        builder.HasIndex(u => u.NormalizedCompany);
    }
}
