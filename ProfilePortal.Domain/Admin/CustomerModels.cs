using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Admin;

/// <summary>The orders the customer list can be sorted in; each is served by an index.</summary>
public enum CustomerSort
{
    Email = 0,
    Name = 1,
    Company = 2,
    Created = 3,
}

/// <summary>
/// A page of the customer list. <paramref name="Text"/> is a prefix of an email, a first or last name, a company or an
/// organization name (case-insensitive); empty lists everyone. <paramref name="Page"/> counts from 0.
/// </summary>
public sealed record CustomerQuery(string? Text, CustomerSort Sort = CustomerSort.Email, bool Descending = false, int Page = 0, int PageSize = 20);

/// <summary>One customer in the list, with their first organization and its subscription.</summary>
public sealed record CustomerRow(
    Guid UserId,
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Organization,
    string? PlanCode,
    SubscriptionStatus? Status,
    DateTimeOffset CreatedAt);

public sealed record CustomerPage(IReadOnlyList<CustomerRow> Items, int Total);

/// <summary>Everything the customer page shows, each list bounded to the latest <see cref="CustomerDirectory.ListLimit"/>.</summary>
public sealed record CustomerDetails(
    CustomerProfile Profile,
    IReadOnlyList<CustomerOrganization> Organizations,
    IReadOnlyList<ActivityItem> Activity,
    IReadOnlyList<CustomerEmail> Emails,
    IReadOnlyList<CustomerFraudSignal> FraudSignals);

public sealed record CustomerProfile(
    Guid UserId,
    string Email,
    bool EmailConfirmed,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Country,
    string? TimeZone,
    string? Phone,
    string PreferredLanguage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LockoutEnd,
    bool TrialUsed,
    bool IsAdmin);

/// <summary>
/// One organization with its members, billing and quota; <paramref name="Role"/> is the customer's role in it, null when
/// the organization is shown on its own page.
/// </summary>
public sealed record CustomerOrganization(
    Guid Id,
    string Name,
    bool IsPersonal,
    OrganizationRole? Role,
    IReadOnlyList<CustomerMember> Members,
    int MemberCount,
    CustomerSubscription? Subscription,
    IReadOnlyList<CustomerAuditItem> SubscriptionHistory,
    IReadOnlyList<CustomerPayment> Payments,
    QuotaSnapshot? Quota,
    IReadOnlyList<CustomerQuotaGrant> QuotaGrants);

public sealed record CustomerMember(Guid UserId, string Email, string? FirstName, string? LastName, OrganizationRole Role, DateTimeOffset JoinedAt);

public sealed record CustomerSubscription(
    Guid Id,
    string PlanCode,
    string? PlanName,
    SubscriptionStatus Status,
    DateTimeOffset CurrentPeriodStart,
    DateTimeOffset? CurrentPeriodEnd,
    DateTimeOffset? TrialEndsAt,
    bool CancelAtPeriodEnd,
    string? CancellationReason,
    decimal? DiscountPercent,
    DateTimeOffset? PauseEndsAt,
    string? ScheduledPlanCode,
    DateTimeOffset CreatedAt);

/// <summary>An audited change: <paramref name="Changes"/> is the stored JSON of field changes.</summary>
public sealed record CustomerAuditItem(DateTimeOffset OccurredAt, string Action, string? Actor, string Changes);

public sealed record CustomerPayment(
    Guid Id,
    DateTimeOffset CreatedAt,
    string Description,
    decimal Amount,
    string Currency,
    PaymentStatus Status,
    string? CardMask,
    string? FailureReason,
    decimal RefundedAmount,
    IReadOnlyList<CustomerRefund> Refunds);

public sealed record CustomerRefund(DateTimeOffset CreatedAt, decimal Amount, string Currency, string Reason, string? By);

public sealed record CustomerQuotaGrant(DateTimeOffset GrantedAt, QuotaGrantSource Source, int Launches, string Reason, string? PackCode, string? By, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd);

public sealed record CustomerEmail(DateTimeOffset CreatedAt, string Kind, string Subject, EmailStatus Status, DateTimeOffset? SentAt);

public sealed record CustomerFraudSignal(Guid SignalId, FraudSignalKind Kind, string Key, FraudSignalStatus Status, DateTimeOffset StartedAt);
