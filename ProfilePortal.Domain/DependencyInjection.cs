using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain;

public static class DependencyInjection
{
    /// <summary>Registers the domain services. They are stateless and create a context per operation.</summary>
    public static IServiceCollection AddDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OrganizationProvisioning>();
        services.AddSingleton<OrganizationAccess>();
        services.AddSingleton<OrganizationService>();
        services.AddSingleton<MembersService>();
        services.AddSingleton<InvitationService>();
        services.AddSingleton<EmailOutbox>();
        services.TryAddSingleton<EmailMetrics>();
        services.AddSingleton<FeatureSettings>();
        services.AddSingleton<FeatureFlagAdmin>();
        services.AddScoped<AccountRegistration>();
        services.AddSingleton<SignInRevalidation>();
        services.AddMemoryCache();
        // In-process unless the host registers a shared one (Infrastructure: Redis with ConnectionStrings:Redis).
        services.AddDistributedMemoryCache();
        services.AddSingleton<QuotaService>();
        services.AddSingleton<QuotaNotifier>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<ProfileMetrics>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<CatalogAdmin>();
        services.AddSingleton<PaymentSettlement>();
        services.AddSingleton<BillingService>();
        services.AddSingleton<RenewalService>();
        services.AddSingleton<PaymentNotificationService>();
        services.AddSingleton<BillingMetrics>();
        services.AddSingleton<TrialFraudMonitor>();
        services.AddSingleton<FraudReviewService>();
        services.AddSingleton<EmailOutboxAdmin>();
        services.AddSingleton<TrialService>();
        services.AddSingleton<TrialReminderService>();
        services.AddSingleton<CardBindingService>();
        services.AddSingleton<TrialRollout>();
        services.AddSingleton<TrialRolloutKillSwitch>();
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<PauseService>();
        services.AddSingleton<PauseReminderService>();
        services.AddSingleton<CancellationService>();
        services.AddSingleton<MarketingPreferences>();
        services.AddSingleton<WinBackService>();
        services.AddSingleton<PlanChangeService>();
        services.AddSingleton<QuotaExtensionService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<SubscriptionMoveService>();
        services.AddSingleton<OrganizationDirectory>();
        services.AddSingleton<AlertMonitor>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<Audit.AuditLogQuery>();
        services.AddSingleton<Dashboards.DashboardRollup>();
        services.AddSingleton<Dashboards.DashboardQueries>();
        services.AddSingleton<Credentials.CredentialService>();
        services.AddScoped<LegacyImport.LegacyAccountImport>();
        return services;
    }
}
