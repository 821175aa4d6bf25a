using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class CardBindingConfiguration : IEntityTypeConfiguration<CardBinding>
{
    public void Configure(EntityTypeBuilder<CardBinding> builder)
    {
        builder.ToTable("CardBindings");
        builder.HasKey(b => b.Id);
        // The provider's invoice id: the notifications find the binding by it, and it names one binding only.
        builder.HasIndex(b => b.InvoiceId).IsUnique();
        // The sweep finds the holds whose void is due; the column is null once a hold is released.
        builder.HasIndex(b => b.NextVoidAttemptAt);
        builder.HasIndex(b => new { b.OrganizationId, b.CreatedAt });
        builder.Property(b => b.InvoiceId).HasMaxLength(100).IsRequired();
        builder.Property(b => b.Amount).HasPrecision(18, 2);
        builder.Property(b => b.Currency).HasMaxLength(3).IsRequired();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.ProviderTransactionId).HasMaxLength(64);
        builder.Property(b => b.FailureCode).HasMaxLength(32);
        builder.Property(b => b.FailureReason).HasMaxLength(CardBinding.FailureReasonMaxLength);
        builder.Property(b => b.VoidFailureReason).HasMaxLength(CardBinding.FailureReasonMaxLength);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.Ignore(b => b.Hold);
        builder.Ignore(b => b.HoldsMoney);
        builder.Ignore(b => b.VoidRequestId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentMethod>().WithMany().HasForeignKey(b => b.PaymentMethodId).OnDelete(DeleteBehavior.Restrict);
    }
}
