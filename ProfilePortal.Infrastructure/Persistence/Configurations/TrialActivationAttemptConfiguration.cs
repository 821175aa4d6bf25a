using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Infrastructure.Persistence.Configurations;

internal sealed class TrialActivationAttemptConfiguration : IEntityTypeConfiguration<TrialActivationAttempt>
{
    public void Configure(EntityTypeBuilder<TrialActivationAttempt> builder)
    {
        builder.ToTable("TrialActivationAttempts");
        builder.HasKey(a => a.Id);
        // The alert rule and the dashboards count the outcomes of a window: the index covers that query.
        builder.HasIndex(a => new { a.AttemptedAt, a.Outcome });
        builder.HasIndex(a => a.UserId);
        builder.HasIndex(a => a.OrganizationId);
        builder.Property(a => a.PlanCode).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ErrorCode).HasMaxLength(TrialActivationAttempt.ErrorCodeMaxLength);
        builder.Property(a => a.IpAddress).HasMaxLength(Trial.IpAddressMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
