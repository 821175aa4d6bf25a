using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Common;

/// <summary>
/// The tables the domain services work with. Infrastructure implements it with EF Core; a service takes
/// a fresh instance per operation from <see cref="IPortalDbContextFactory"/>.
/// </summary>
public interface IPortalDbContext : IAsyncDisposable
{
    DbSet<ApplicationUser> Users { get; }

    DbSet<Organization> Organizations { get; }

    DbSet<Membership> Memberships { get; }

    DbSet<Plan> Plans { get; }

    DbSet<QuotaPack> QuotaPacks { get; }

    DbSet<Subscription> Subscriptions { get; }

    DbSet<EmailMessage> EmailMessages { get; }

    DbSet<FeatureOverride> FeatureOverrides { get; }

    DbSet<FeatureChange> FeatureChanges { get; }

    DbSet<IdentityUserRole<Guid>> UserRoles { get; }

    DbSet<IdentityRole<Guid>> Roles { get; }

    DbSet<UsageEvent> UsageEvents { get; }

    DbSet<QuotaGrant> QuotaGrants { get; }

    DbSet<QuotaNotice> QuotaNotices { get; }

    DbSet<QuotaNoticeWatermark> QuotaNoticeWatermarks { get; }

    DbSet<ActivityEvent> ActivityEvents { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<PaymentMethod> PaymentMethods { get; }

    DbSet<Payment> Payments { get; }

    DbSet<Refund> Refunds { get; }

    DbSet<PaymentNotification> PaymentNotifications { get; }

    DbSet<Trials.Trial> Trials { get; }

    DbSet<Trials.TrialActivationAttempt> TrialActivationAttempts { get; }

    DbSet<Retention.CancellationFeedback> CancellationFeedback { get; }

    DbSet<CardBinding> CardBindings { get; }

    DbSet<Fraud.FraudSignal> FraudSignals { get; }

    DbSet<Fraud.FraudSignalAccount> FraudSignalAccounts { get; }

    DbSet<Fraud.FraudBlock> FraudBlocks { get; }

    DbSet<Retention.WinBack> WinBacks { get; }

    DbSet<Admin.JobRun> JobRuns { get; }

    DbSet<Alerts.Alert> Alerts { get; }

    DbSet<Dashboards.DailyMetric> DailyMetrics { get; }

    DbSet<Invitation> Invitations { get; }

    DbSet<Credentials.OrganizationCredential> OrganizationCredentials { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the connection now and keeps it for the context's life, so several queries share one; without it
    /// each query opens and closes its own.
    /// </summary>
    Task KeepConnectionOpenAsync(CancellationToken cancellationToken = default);
}

/// <summary>Creates a short-lived <see cref="IPortalDbContext"/>: one per operation, never one per circuit.</summary>
public interface IPortalDbContextFactory
{
    Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default);
}
