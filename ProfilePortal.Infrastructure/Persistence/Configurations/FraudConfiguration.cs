using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Fraud;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class FraudSignalConfiguration : IEntityTypeConfiguration<FraudSignal>
{
    public void Configure(EntityTypeBuilder<FraudSignal> builder)
    {
        builder.ToTable("FraudSignals");
        builder.HasKey(s => s.Id);
        // One open signal per rule and key, whatever two trials at once do: the later one joins it. The filter is
        // plain SQL that both SQLite and SQL Server (which needs QUOTED_IDENTIFIER ON for filtered indexes) read.
        builder.HasIndex(s => new { s.Kind, s.Key })
            .IsUnique()
            .HasFilter("\"Status\" = 'Open'")
            .HasDatabaseName("IX_FraudSignals_Kind_Key_Open");
        // The address rule restarts its count at the key's last review.
        builder.HasIndex(s => new { s.Kind, s.Key, s.ReviewedAt });
        // The review queue: open first.
        builder.HasIndex(s => new { s.Status, s.RaisedAt });
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Key).HasMaxLength(FraudSignal.KeyMaxLength).IsRequired();
        builder.Property(s => s.Note).HasMaxLength(FraudSignal.NoteMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsOpen);
        builder.HasMany(s => s.Accounts).WithOne().HasForeignKey(a => a.SignalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Accounts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

// No foreign keys to users, organizations or trials: the evidence outlives the accounts it lists.
internal sealed class FraudSignalAccountConfiguration : IEntityTypeConfiguration<FraudSignalAccount>
{
    public void Configure(EntityTypeBuilder<FraudSignalAccount> builder)
    {
        builder.ToTable("FraudSignalAccounts");
        // An account is listed once per signal.
        builder.HasKey(a => new { a.SignalId, a.UserId });
        builder.HasIndex(a => a.UserId);
        builder.Property(a => a.Email).HasMaxLength(FraudSignalAccount.EmailMaxLength).IsRequired();
    }
}

internal sealed class FraudBlockConfiguration : IEntityTypeConfiguration<FraudBlock>
{
    public void Configure(EntityTypeBuilder<FraudBlock> builder)
    {
        builder.ToTable("FraudBlocks");
        builder.HasKey(b => b.Id);
        // One block per address, card or account; a trial's check seeks it here.
        builder.HasIndex(b => new { b.Kind, b.Value }).IsUnique();
        builder.HasIndex(b => b.OrganizationId);
        builder.HasIndex(b => b.CreatedAt);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Value).HasMaxLength(FraudBlock.ValueMaxLength).IsRequired();
        builder.Property(b => b.Label).HasMaxLength(FraudBlock.LabelMaxLength);
        builder.Property(b => b.Reason).HasMaxLength(FraudBlock.ReasonMaxLength);
        builder.HasOne<FraudSignal>().WithMany().HasForeignKey(b => b.SignalId).OnDelete(DeleteBehavior.SetNull);
    }
}
