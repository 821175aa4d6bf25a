using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>
/// The portal's EF Core model: Identity, the domain tables and the Data Protection key ring. Each provider
/// has a derived context (<see cref="SqlitePortalDbContext"/>, <see cref="SqlServerPortalDbContext"/>) so
/// that each keeps its own migration set.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IPortalDbContext, IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<QuotaPack> QuotaPacks => Set<QuotaPack>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();

    public DbSet<FeatureOverride> FeatureOverrides => Set<FeatureOverride>();

    public DbSet<FeatureChange> FeatureChanges => Set<FeatureChange>();

    public DbSet<UsageEvent> UsageEvents => Set<UsageEvent>();

    public DbSet<QuotaGrant> QuotaGrants => Set<QuotaGrant>();

    public DbSet<QuotaNotice> QuotaNotices => Set<QuotaNotice>();

    public DbSet<QuotaNoticeWatermark> QuotaNoticeWatermarks => Set<QuotaNoticeWatermark>();

    public DbSet<ActivityEvent> ActivityEvents => Set<ActivityEvent>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<PaymentNotification> PaymentNotifications => Set<PaymentNotification>();

    public DbSet<Trial> Trials => Set<Trial>();

    public DbSet<TrialActivationAttempt> TrialActivationAttempts => Set<TrialActivationAttempt>();

    public DbSet<CancellationFeedback> CancellationFeedback => Set<CancellationFeedback>();

    public DbSet<CardBinding> CardBindings => Set<CardBinding>();

    public DbSet<FraudSignal> FraudSignals => Set<FraudSignal>();

    public DbSet<FraudSignalAccount> FraudSignalAccounts => Set<FraudSignalAccount>();

    public DbSet<FraudBlock> FraudBlocks => Set<FraudBlock>();

    public DbSet<WinBack> WinBacks => Set<WinBack>();

    public DbSet<Domain.Admin.JobRun> JobRuns => Set<Domain.Admin.JobRun>();

    public DbSet<Domain.Alerts.Alert> Alerts => Set<Domain.Alerts.Alert>();

    public DbSet<Domain.Dashboards.DailyMetric> DailyMetrics => Set<Domain.Dashboards.DailyMetric>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<Domain.Credentials.OrganizationCredential> OrganizationCredentials => Set<Domain.Credentials.OrganizationCredential>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public Task KeepConnectionOpenAsync(CancellationToken cancellationToken = default) =>
        Database.OpenConnectionAsync(cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        RefreshSearchKeys();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        RefreshSearchKeys();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    // A new version on every insert and update: the old value stays the concurrency check of the UPDATE.
    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }

    // The admins' search reads normalized copies of names; computing them here covers every write path, Identity's too.
    private void RefreshSearchKeys()
    {
        foreach (var entry in ChangeTracker.Entries<ISearchKeyed>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.RefreshSearchKeys();
            }
        }
    }
}
