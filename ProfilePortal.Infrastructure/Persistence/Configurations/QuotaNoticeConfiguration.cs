using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class QuotaNoticeConfiguration : IEntityTypeConfiguration<QuotaNotice>
{
    public void Configure(EntityTypeBuilder<QuotaNotice> builder)
    {
        builder.ToTable("QuotaNotices");
        builder.HasKey(n => n.Id);
        // Once per member, organization, period and level: what makes two sweeps queue one email.
        builder.HasIndex(n => new { n.OrganizationId, n.UserId, n.PeriodStart, n.Level }).IsUnique();
        builder.HasIndex(n => n.UserId);
        builder.Property(n => n.Level).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // EmailMessageId is a plain reference, no foreign key: clearing old outbox rows must not touch the notices.
    }
}
