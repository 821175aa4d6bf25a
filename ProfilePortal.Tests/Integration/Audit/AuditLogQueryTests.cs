using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Audit;

/// <summary>The audit log for admins: each filter narrows it, pages come newest first, anyone else is refused.</summary>
public sealed class AuditLogQueryTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private AuditLogQuery Audit => portal.Get<AuditLogQuery>();

    [Fact]
    public async Task Each_filter_narrows_the_log_and_changes_come_back_per_field()
    {
        var admin = await portal.AdminAsync();
        var actor = await portal.AdminAsync(email: Builders.UniqueEmail("auditor"));
        var organization = Guid.NewGuid();
        var target = Guid.NewGuid().ToString();
        portal.Clock.Advance(TimeSpan.FromDays(30));
        var start = portal.Clock.GetUtcNow();
        await portal.SeedAsync((db, now) =>
        {
            db.AuditEntries.Add(AuditEntry.Record(actor.Id, "quota.extended", "organization", target, organization,
                FieldChange.Describe([new("Limit", "50", "100")]), now));
            db.AuditEntries.Add(AuditEntry.Record(null, "subscription.expired", "subscription", Guid.NewGuid().ToString(), organization,
                """{"Status":{"from":"PastDue","to":"Expired"},"Attempts":{"from":3,"to":null}}""", now.AddMinutes(1)));
            db.AuditEntries.Add(AuditEntry.Record(actor.Id, "subscription.paused", "subscription", Guid.NewGuid().ToString(), null, "{}", now.AddHours(2)));
            return Task.CompletedTask;
        });

        async Task<List<string>> ActionsAsync(AuditLogFilter filter) =>
            [.. (await Audit.SearchAsync(admin.Id, filter with { From = filter.From ?? start }, 0, 50)).Value.Rows.Select(r => r.Action)];

        Assert.Equal(["subscription.paused", "subscription.expired", "quota.extended"], await ActionsAsync(new()));
        Assert.Equal(["subscription.paused", "quota.extended"], await ActionsAsync(new(ActorEmail: actor.Email![..12].ToLowerInvariant())));
        Assert.Equal(["subscription.paused", "subscription.expired"], await ActionsAsync(new(ActionPrefix: "subscription.")));
        Assert.Equal(["quota.extended"], await ActionsAsync(new(TargetType: "organization", TargetId: target)));
        Assert.Equal(["subscription.expired", "quota.extended"], await ActionsAsync(new(OrganizationId: organization)));
        Assert.Equal(["subscription.expired", "quota.extended"], await ActionsAsync(new(To: start.AddHours(1))));

        var rows = (await Audit.SearchAsync(admin.Id, new(From: start), 0, 50)).Value.Rows;
        Assert.Equal([new FieldChange("Limit", "50", "100")], rows.Single(r => r.Action == "quota.extended").Changes);
        Assert.Equal(actor.Email, rows.Single(r => r.Action == "quota.extended").ActorEmail);
        var expired = rows.Single(r => r.Action == "subscription.expired");
        Assert.Null(expired.ActorEmail);
        Assert.Equal([new FieldChange("Status", "PastDue", "Expired"), new FieldChange("Attempts", "3", null)], expired.Changes);
    }

    [Fact]
    public async Task Pages_are_server_side_newest_first_with_the_total()
    {
        var admin = await portal.AdminAsync();
        portal.Clock.Advance(TimeSpan.FromDays(30));
        var start = portal.Clock.GetUtcNow();
        await portal.SeedAsync((db, now) =>
        {
            for (var i = 0; i < 5; i++)
            {
                db.AuditEntries.Add(AuditEntry.Record(null, $"paging.step{i}", "test", $"t{i}", null, "{}", now.AddMinutes(i)));
            }

            return Task.CompletedTask;
        });

        var second = (await Audit.SearchAsync(admin.Id, new(ActionPrefix: "paging.", From: start), 1, 2)).Value;

        Assert.Equal(5, second.TotalCount);
        Assert.Equal(["paging.step2", "paging.step1"], second.Rows.Select(r => r.Action));
    }

    [Fact]
    public async Task A_customer_calling_the_query_directly_is_refused()
    {
        var customer = await portal.CustomerAsync();

        var result = await Audit.SearchAsync(customer.Id, new(), 0, 10);

        Assert.Equal("access.forbidden", Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("{}", 0)]
    [InlineData("not json", 1)]
    [InlineData("[1,2]", 1)]
    [InlineData("{\"Note\":\"plain\"}", 1)]
    public void Changes_of_any_shape_parse_without_throwing(string json, int count) =>
        Assert.Equal(count, AuditLogQuery.ParseChanges(json).Count);
}
