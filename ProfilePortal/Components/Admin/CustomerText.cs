using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The words the admin customer pages show for names and states.</summary>
internal static class CustomerText
{
    public static string Name(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name ? name : "—";

    public static string Status(IStringLocalizer<SharedResource> l, SubscriptionStatus? status) =>
        status is { } known ? l[$"AdminCustomers.Status.{known}"] : "—";

    public static string Payment(IStringLocalizer<SharedResource> l, PaymentStatus status) => l[$"AdminCustomers.Payment.{status}"];

    public static string Email(IStringLocalizer<SharedResource> l, EmailStatus status) => l[$"AdminCustomers.Email.{status}"];

    public static string Grant(IStringLocalizer<SharedResource> l, QuotaGrantSource source) => l[$"AdminCustomers.Grant.{source}"];

    public static string Role(IStringLocalizer<SharedResource> l, OrganizationRole role) => l[$"AdminCustomers.Role.{role}"];
}
