using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasKey(p => p.Id);
        // The idempotency key: one payment per subscription period or pack checkout, whoever asks how often.
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
        // The billing page's history, newest first.
        builder.HasIndex(p => new { p.OrganizationId, p.CreatedAt });
        // Refund notifications find the payment by the provider's transaction id.
        builder.HasIndex(p => p.ProviderTransactionId);
        // The rollout's kill switch reads the trial conversions attempted in a window.
        builder.HasIndex(p => new { p.Purpose, p.LastAttemptAt });
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.DeclineKind).HasConversion<string>().HasMaxLength(8);
        builder.Property(p => p.PlanCode).HasMaxLength(32);
        builder.Property(p => p.PackCode).HasMaxLength(32);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.RefundedAmount).HasPrecision(18, 2);
        builder.Property(p => p.ProrationCredit).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(Payment.DescriptionMaxLength).IsRequired();
        builder.Property(p => p.Provider).HasMaxLength(32);
        builder.Property(p => p.CardMask).HasMaxLength(32);
        builder.Property(p => p.ProviderTransactionId).HasMaxLength(64);
        builder.Property(p => p.FailureCode).HasMaxLength(32);
        builder.Property(p => p.FailureReason).HasMaxLength(Payment.FailureReasonMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Total);
        builder.Ignore(p => p.RequestId);
        builder.Ignore(p => p.PaidForPeriod);
        builder.Ignore(p => p.HasOpenAttempt);
        builder.Ignore(p => p.ReceiptNumber);
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(p => p.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentMethod>().WithMany().HasForeignKey(p => p.PaymentMethodId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.ToTable("PaymentMethods");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.OrganizationId, m.RemovedAt });
        // Antifraud looks cards up across organizations.
        builder.HasIndex(m => m.Fingerprint);
        builder.Property(m => m.Provider).HasMaxLength(32).IsRequired();
        builder.Property(m => m.Token).HasMaxLength(256).IsRequired();
        builder.Property(m => m.Brand).HasMaxLength(32).IsRequired();
        builder.Property(m => m.Last4).HasMaxLength(4).IsRequired();
        builder.Property(m => m.Fingerprint).HasMaxLength(128);
        builder.Ignore(m => m.IsActive);
        builder.Ignore(m => m.Mask);
        builder.Ignore(m => m.Card);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.PaymentId);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.Currency).HasMaxLength(3).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(Refund.ReasonMaxLength).IsRequired();
        builder.Property(r => r.ProviderRefundId).HasMaxLength(64);
        builder.Ignore(r => r.Total);
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentNotificationConfiguration : IEntityTypeConfiguration<PaymentNotification>
{
    public void Configure(EntityTypeBuilder<PaymentNotification> builder)
    {
        builder.ToTable("PaymentNotifications");
        builder.HasKey(n => n.Id);
        // Stored once: a replay of the same notification finds the first and gets its answer.
        builder.HasIndex(n => new { n.Provider, n.Kind, n.ExternalId }).IsUnique();
        builder.HasIndex(n => n.InvoiceId);
        builder.Property(n => n.Provider).HasMaxLength(32).IsRequired();
        builder.Property(n => n.Kind).HasMaxLength(16).IsRequired();
        builder.Property(n => n.ExternalId).HasMaxLength(100).IsRequired();
        builder.Property(n => n.InvoiceId).HasMaxLength(100);
        builder.Property(n => n.Body).HasMaxLength(PaymentNotification.BodyMaxLength).IsRequired();
    }
}
