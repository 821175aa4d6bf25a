using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class CancellationFeedbackConfiguration : IEntityTypeConfiguration<CancellationFeedback>
{
    public void Configure(EntityTypeBuilder<CancellationFeedback> builder)
    {
        builder.ToTable("CancellationFeedback");
        builder.HasKey(f => f.Id);
        // A new flow closes the subscription's open one; the save rate reads a subscription's later cancellations.
        builder.HasIndex(f => new { f.SubscriptionId, f.StartedAt });
        // Dashboards count flows started over a period; the save rate reads the saves and cancellations decided in one.
        builder.HasIndex(f => f.StartedAt);
        builder.HasIndex(f => new { f.Outcome, f.DecidedAt });
        builder.Property(f => f.PlanCode).HasMaxLength(32).IsRequired();
        builder.Property(f => f.Flow).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Reason).HasConversion<string>().HasMaxLength(32).HasColumnName("CancellationReason");
        builder.Property(f => f.OtherText).HasMaxLength(CancellationFeedback.OtherTextMaxLength);
        builder.Property(f => f.OfferKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.OfferPauseMonths).HasMaxLength(32);
        builder.Property(f => f.OfferPlanCode).HasMaxLength(32);
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(f => f.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
