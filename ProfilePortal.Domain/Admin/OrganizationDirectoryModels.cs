using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// A page of the organization list. <paramref name="Text"/> is a prefix of the organization's name or of a member's
/// email, first or last name or company (case-insensitive); empty lists every organization. <paramref name="Page"/>
/// counts from 0.
/// </summary>
public sealed record OrganizationQuery(string? Text, int Page = 0, int PageSize = 20);

/// <summary>One organization in the list, with its subscription and its first members (Owners first).</summary>
public sealed record OrganizationRow(
    Guid Id,
    string Name,
    bool IsPersonal,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt,
    string? PlanCode,
    SubscriptionStatus? Status,
    int MemberCount,
    IReadOnlyList<OrganizationRowMember> Members);

public sealed record OrganizationRowMember(Guid UserId, string Email, OrganizationRole Role);

public sealed record OrganizationPage(IReadOnlyList<OrganizationRow> Items, int Total);

/// <summary>The admin page of one organization: what it is, and its members, billing and quota.</summary>
public sealed record OrganizationDetails(Guid Id, string Name, bool IsPersonal, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt, CustomerOrganization Account);
