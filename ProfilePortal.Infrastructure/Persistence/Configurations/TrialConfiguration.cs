using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class TrialConfiguration : IEntityTypeConfiguration<Trial>
{
    public void Configure(EntityTypeBuilder<Trial> builder)
    {
        builder.ToTable("Trials");
        builder.HasKey(t => t.Id);
        // One trial per user, for ever: two parallel starts insert two rows and the second one fails here.
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasIndex(t => t.SubscriptionId);
        // Antifraud counts the trials of an address within a day and the accounts of a card.
        builder.HasIndex(t => new { t.IpAddress, t.StartedAt });
        builder.HasIndex(t => t.CardFingerprint);
        // The rollout's criteria read the trials started in a window.
        builder.HasIndex(t => t.StartedAt);
        // The dashboard rollup reads the trials that ended in its days.
        builder.HasIndex(t => t.OutcomeAt);
        builder.Property(t => t.PlanCode).HasMaxLength(32).IsRequired();
        builder.Property(t => t.IpAddress).HasMaxLength(Trial.IpAddressMaxLength);
        builder.Property(t => t.CardFingerprint).HasMaxLength(128);
        builder.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
