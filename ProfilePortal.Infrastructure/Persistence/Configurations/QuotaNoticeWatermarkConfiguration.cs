using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class QuotaNoticeWatermarkConfiguration : IEntityTypeConfiguration<QuotaNoticeWatermark>
{
    public void Configure(EntityTypeBuilder<QuotaNoticeWatermark> builder)
    {
        builder.ToTable("QuotaNoticeWatermarks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        // Two sweeps that both read it: the second one's save fails instead of moving it back.
        builder.Property(w => w.Version).IsConcurrencyToken();
        // The single row exists from the migration on, so no sweep ever races another to insert it.
        builder.HasData(new
        {
            Id = QuotaNoticeWatermark.SingletonId,
            ReadFromEventId = 0L,
            ReadThroughEventId = 0L,
            Version = new Guid("6f1b8c1e-2f4d-4a57-9a0e-5b3c7d9e1a20"),
        });
    }
}
