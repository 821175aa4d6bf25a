using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.HasKey(s => s.Id);
        // One current subscription per organization: plan changes update it; payments keep the history.
        builder.HasIndex(s => s.OrganizationId).IsUnique();
        // The sweeps look up due rows by status and instant.
        builder.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });
        // The grace expiry looks up past-due rows by the end of their grace.
        builder.HasIndex(s => new { s.Status, s.GraceEndsAt });
        // The dashboard snapshot groups the paid subscriptions by plan, status and running discount from this index alone.
        builder.HasIndex(s => new { s.PlanCode, s.Status, s.DiscountPercent, s.DiscountExpiresAt });
        builder.Property(s => s.PlanCode).HasMaxLength(32).IsRequired();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CancellationReason).HasMaxLength(1000);
        builder.Property(s => s.ScheduledPlanCode).HasMaxLength(32);
        builder.Property(s => s.DiscountPercent).HasPrecision(5, 2);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsFree);
        builder.Ignore(s => s.HasPaidAccess);
        builder.Ignore(s => s.NextPaymentKey);
        builder.Ignore(s => s.CurrentPaymentKey);
        builder.Ignore(s => s.RenewalPlanCode);
        builder.Ignore(s => s.IsTrialing);
        builder.Ignore(s => s.ConvertsTrial);
        builder.Ignore(s => s.PeriodEndAfterPause);
        builder.HasOne(s => s.Plan).WithMany().HasForeignKey(s => s.PlanCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
