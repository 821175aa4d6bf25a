using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Admin;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

// No foreign key to the admin who ran a job by hand: the history outlives users, like the audit trail.
internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobGroup).HasMaxLength(200).IsRequired();
        builder.Property(r => r.JobName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        // The jobs page reads, and the listener prunes, the newest runs of one job.
        builder.HasIndex(r => new { r.JobGroup, r.JobName, r.StartedAt });
    }
}
