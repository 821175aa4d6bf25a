using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class WinBackConfiguration : IEntityTypeConfiguration<WinBack>
{
    public void Configure(EntityTypeBuilder<WinBack> builder)
    {
        builder.ToTable("WinBacks");
        builder.HasKey(w => w.Id);
        // One win-back per cancellation: a cancellation staged twice (a retried save) fails here instead of emailing twice.
        builder.HasIndex(w => new { w.SubscriptionId, w.AccessEndsAt }).IsUnique();
        // The sweep: open rows in the order their access ended.
        builder.HasIndex(w => new { w.ClosedAt, w.AccessEndsAt });
        // A purchase looks up its organization's win-backs.
        builder.HasIndex(w => w.OrganizationId);
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Closure).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.Ignore(w => w.WasSent);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(w => w.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
