using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Admin;

/// <summary>The expected refusals of a manual quota extension, with stable codes the UI localizes.</summary>
public static class AdminQuotaErrors
{
    public static readonly Error OrganizationNotFound = Error.NotFound("organization");

    public static readonly Error LaunchesOutOfRange = Error.Validation(
        "launches", $"Add between {QuotaExtensionService.MinLaunches} and {QuotaExtensionService.MaxLaunches} launches.");

    public static readonly Error ReasonRequired = Error.Validation("reason", "Say why the quota is extended.");

    public static readonly Error ReasonTooLong = Error.Validation("reason", $"A reason is at most {QuotaGrant.ReasonMaxLength} characters.");

    public static readonly Error ExpiryInPast = Error.Validation("expiresAt", "The expiry must be in the future.");

    public static readonly Error NoEmails = Error.Validation("emails", "Enter at least one email address.");

    public static readonly Error TooManyEmails = Error.Validation("emails", $"At most {QuotaExtensionService.MaxEmails} addresses at a time.");
}
