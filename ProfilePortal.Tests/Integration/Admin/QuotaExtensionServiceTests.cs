using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>Manual quota extensions: shown at once, bounded by the period and the expiry, audited, admins only.</summary>
public sealed class QuotaExtensionServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private static readonly DateTimeOffset PeriodEnd = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private QuotaExtensionService Extensions => portal.Get<QuotaExtensionService>();

    private QuotaService Quotas => portal.Get<QuotaService>();

    [Fact]
    public async Task An_extension_shows_in_the_cached_snapshot_at_once_and_is_audited()
    {
        var customer = await portal.CustomerAsync();
        var admin = await portal.AdminAsync();
        var before = (await Quotas.GetSnapshotAsync(customer.OrganizationId))!;

        var extended = await Extensions.ExtendAsync(admin.Id, customer.OrganizationId, 25, " Support ticket 42 ", null);

        Assert.True(extended.Succeeded);
        Assert.Equal((customer.OrganizationId, 25, PeriodEnd), (extended.Value.OrganizationId, extended.Value.Launches, extended.Value.ValidUntil));
        var after = (await Quotas.GetSnapshotAsync(customer.OrganizationId))!;
        Assert.Equal(before.Granted + 25, after.Granted);
        var grant = await GrantAsync(extended.Value.GrantId);
        Assert.Equal(
            (QuotaGrantSource.Admin, "Support ticket 42", (Guid?)admin.Id, portal.Clock.GetUtcNow()),
            (grant.Source, grant.Reason, grant.GrantedByUserId, grant.GrantedAt));
        Assert.Equal([("quota.extended", (Guid?)admin.Id)], await portal.AuditOfAsync("quota_grant", grant.Id.ToString()));
        Assert.Contains("quota.extended", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task An_expiry_ends_the_launches_early_but_never_extends_them_past_the_period()
    {
        var customer = await portal.CustomerAsync();
        var admin = await portal.AdminAsync();
        var now = portal.Clock.GetUtcNow();

        var shortLived = await Extensions.ExtendAsync(admin.Id, customer.OrganizationId, 10, "Demo week", now.AddHours(1));
        var longLived = await Extensions.ExtendAsync(admin.Id, customer.OrganizationId, 5, "Goodwill", now.AddYears(1));

        Assert.Equal((now.AddHours(1), PeriodEnd), (shortLived.Value.ValidUntil, longLived.Value.ValidUntil));
        Assert.Equal(15, (await Quotas.GetFreshSnapshotAsync(customer.OrganizationId))!.Granted);
        portal.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, (await Quotas.GetFreshSnapshotAsync(customer.OrganizationId))!.Granted);
    }

    [Theory]
    [InlineData(0, "Reason", 1, "launches")]
    [InlineData(100_001, "Reason", 1, "launches")]
    [InlineData(10, "  ", 1, "reason")]
    [InlineData(10, null, 1, "reason")]
    [InlineData(10, "Reason", -1, "expiresAt")]
    public async Task Wrong_inputs_are_refused_on_their_field_and_nothing_is_granted(int launches, string? reason, int expiryHours, string field)
    {
        var customer = await portal.CustomerAsync();
        var admin = await portal.AdminAsync();

        var result = await Extensions.ExtendAsync(admin.Id, customer.OrganizationId, launches, reason, portal.Clock.GetUtcNow().AddHours(expiryHours));

        Assert.Equal(field, result.Errors.Single().Field);
        Assert.Equal(0, (await Quotas.GetFreshSnapshotAsync(customer.OrganizationId))!.Granted);
    }

    [Fact]
    public async Task A_reason_longer_than_500_characters_or_an_unknown_organization_is_refused()
    {
        var admin = await portal.AdminAsync();

        var tooLong = await Extensions.ExtendAsync(admin.Id, Guid.NewGuid(), 1, new string('x', 501), null);
        var missing = await Extensions.ExtendAsync(admin.Id, Guid.NewGuid(), 1, "Reason", null);

        Assert.Equal(AdminQuotaErrors.ReasonTooLong, tooLong.Errors.Single());
        Assert.Equal(AdminQuotaErrors.OrganizationNotFound, missing.Errors.Single());
    }

    [Fact]
    public async Task A_bulk_extension_grants_each_known_address_once_and_reports_every_line()
    {
        var first = await portal.CustomerAsync();
        var second = await portal.CustomerAsync();
        var admin = await portal.AdminAsync();
        var unknown = Builders.UniqueEmail("nobody");
        var emails = $"{first.User.Email}\n{second.User.Email!.ToUpperInvariant()}, not-an-email\r\n{unknown};{first.User.Email}\n\n";

        var report = await Extensions.ExtendManyAsync(admin.Id, emails, 7, "Outage compensation", null);

        Assert.True(report.Succeeded);
        Assert.Equal(
            [
                (first.User.Email!, QuotaExtensionOutcome.Granted, (Guid?)first.OrganizationId),
                (second.User.Email!.ToUpperInvariant(), QuotaExtensionOutcome.Granted, second.OrganizationId),
                ("not-an-email", QuotaExtensionOutcome.Invalid, null),
                (unknown, QuotaExtensionOutcome.UnknownEmail, null),
                (first.User.Email!, QuotaExtensionOutcome.Duplicate, null),
            ],
            report.Value.Rows.Select(r => (r.Email, r.Outcome, r.Extension?.OrganizationId)));
        Assert.Equal(2, report.Value.Granted);
        Assert.Equal(7, (await Quotas.GetSnapshotAsync(first.OrganizationId))!.Granted);
        Assert.Equal(7, (await Quotas.GetSnapshotAsync(second.OrganizationId))!.Granted);
        Assert.Equal(["quota.extended"], (await portal.AuditActionsAsync(first.OrganizationId)).Where(a => a.StartsWith("quota.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_bulk_extension_with_a_shared_mistake_or_no_addresses_grants_nothing()
    {
        var customer = await portal.CustomerAsync();
        var admin = await portal.AdminAsync();

        var noReason = await Extensions.ExtendManyAsync(admin.Id, customer.User.Email, 7, "", null);
        var noEmails = await Extensions.ExtendManyAsync(admin.Id, " \n , ", 7, "Reason", null);
        var tooMany = await Extensions.ExtendManyAsync(admin.Id, string.Join('\n', Enumerable.Range(0, 501).Select(i => $"u{i}@example.com")), 7, "Reason", null);

        Assert.Equal(
            [AdminQuotaErrors.ReasonRequired, AdminQuotaErrors.NoEmails, AdminQuotaErrors.TooManyEmails],
            new[] { noReason, noEmails, tooMany }.Select(r => r.Errors.Single()));
        Assert.Equal(0, (await Quotas.GetFreshSnapshotAsync(customer.OrganizationId))!.Granted);
    }

    [Fact]
    public async Task A_customer_calling_the_service_directly_is_refused_and_nothing_is_granted()
    {
        var customer = await portal.CustomerAsync();

        var single = await Extensions.ExtendAsync(customer.Id, customer.OrganizationId, 100, "Myself", null);
        var bulk = await Extensions.ExtendManyAsync(customer.Id, customer.User.Email, 100, "Myself", null);

        Assert.All(new Result[] { single, bulk }, r => Assert.Equal(Error.Forbidden().Code, r.Errors.Single().Code));
        Assert.Equal(0, (await Quotas.GetFreshSnapshotAsync(customer.OrganizationId))!.Granted);
        Assert.DoesNotContain("quota.extended", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    private async Task<QuotaGrant> GrantAsync(Guid id)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.QuotaGrants.AsNoTracking().SingleAsync(g => g.Id == id);
    }
}
