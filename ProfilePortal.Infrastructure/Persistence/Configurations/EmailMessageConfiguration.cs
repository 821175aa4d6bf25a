using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable("EmailMessages");
        builder.HasKey(m => m.Id);
        // The dispatcher's sweep: pending messages in the order they fall due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The admins' customer page lists the latest emails sent to one address.
        builder.HasIndex(m => new { m.ToAddress, m.CreatedAt });
        // The dashboard rollup counts each day's messages by status from this index alone.
        builder.HasIndex(m => new { m.CreatedAt, m.Status });
        builder.Property(m => m.Kind).HasMaxLength(64).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(m => m.Language).HasMaxLength(8).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(2048);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(500);
        // Two dispatchers claiming the same message: the second one's claim fails on this token.
        builder.Property(m => m.LockedUntil).IsConcurrencyToken();
    }
}
