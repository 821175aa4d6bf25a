using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>The admins' outbox: list with filters and order, resend by status; admins only, resends audited.</summary>
public sealed class EmailOutboxAdminTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private EmailOutboxAdmin Outbox => portal.Get<EmailOutboxAdmin>();

    [Fact]
    public async Task A_customer_may_neither_list_nor_resend_and_nothing_changes()
    {
        var failed = await StoreAsync(EmailStatus.Failed);
        var customer = await portal.CustomerAsync();

        var forbidden = new Result[]
        {
            await Outbox.ListAsync(customer.Id, new EmailOutboxFilter(), 0, 10),
            await Outbox.ResendAsync(customer.Id, failed.Id),
        };

        Assert.All(forbidden, r => Assert.Equal(Error.Forbidden().Code, r.Errors.Single().Code));
        Assert.Equal(EmailStatus.Failed, (await portal.ReloadAsync(failed.Id)).Status);
        Assert.Empty(await portal.AuditOfAsync("email_message", failed.Id.ToString()));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_recipient_prefix_pages_and_counts_the_matches()
    {
        var prefix = $"list-{Guid.NewGuid():N}"[..16];
        var admin = await portal.AdminAsync();
        var sent = await StoreAsync(EmailStatus.Sent, $"{prefix}-a@example.com");
        var failed = await StoreAsync(EmailStatus.Failed, $"{prefix}-b@example.com");
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var pending = await StoreAsync(EmailStatus.Pending, $"{prefix}-c@example.com");
        await StoreAsync(EmailStatus.Failed, "someone-else@example.com");

        var all = (await Outbox.ListAsync(admin.Id, new EmailOutboxFilter(RecipientPrefix: $" {prefix} "), 0, 10)).Value;
        var onlyFailed = (await Outbox.ListAsync(admin.Id, new EmailOutboxFilter(EmailStatus.Failed, prefix), 0, 10)).Value;
        var secondPage = (await Outbox.ListAsync(admin.Id, new EmailOutboxFilter(RecipientPrefix: prefix), 1, 2)).Value;
        var byTo = (await Outbox.ListAsync(admin.Id, new EmailOutboxFilter(RecipientPrefix: prefix), 0, 10, new(EmailOutboxSortField.To, Descending: false))).Value;

        Assert.Equal(3, all.Total);
        Assert.Equal(pending.Id, all.Items[0].Id);
        var row = Assert.Single(onlyFailed.Items);
        Assert.Equal(
            (failed.Id, failed.ToAddress, "test", "Subject", EmailStatus.Failed, EmailMessage.MaxAttempts, "SMTP said no", true),
            (row.Id, row.To, row.Kind, row.Subject, row.Status, row.Attempts, row.LastError, row.CanResend));
        Assert.Equal(1, onlyFailed.Total);
        Assert.Equal((3, 1), (secondPage.Total, secondPage.Items.Count));
        Assert.Equal([sent.Id, failed.Id, pending.Id], byTo.Items.Select(i => i.Id));
        Assert.Equal(portal.Clock.GetUtcNow() - TimeSpan.FromMinutes(1), byTo.Items[0].SentAt);
    }

    [Fact]
    public async Task Resending_a_failed_message_queues_the_same_row_with_fresh_attempts_and_is_audited()
    {
        var admin = await portal.AdminAsync();
        var failed = await StoreAsync(EmailStatus.Failed);

        var resent = await Outbox.ResendAsync(admin.Id, failed.Id);
        var again = await Outbox.ResendAsync(admin.Id, failed.Id);

        Assert.Equal(new EmailResent(failed.Id, Copied: false), resent.Value);
        Assert.Equal(EmailOutboxErrors.StillQueued, again.Errors.Single());
        var stored = await portal.ReloadAsync(failed.Id);
        Assert.Equal((EmailStatus.Pending, 0, portal.Clock.GetUtcNow()), (stored.Status, stored.Attempts, stored.NextAttemptAt));
        Assert.True(stored.IsDue(portal.Clock.GetUtcNow()));
        Assert.Equal([("email.resent", (Guid?)admin.Id)], await portal.AuditOfAsync("email_message", failed.Id.ToString()));
    }

    [Fact]
    public async Task Resending_a_sent_message_queues_a_copy_and_keeps_the_sent_one()
    {
        var admin = await portal.AdminAsync();
        var sent = await StoreAsync(EmailStatus.Sent);

        var resent = (await Outbox.ResendAsync(admin.Id, sent.Id)).Value;

        Assert.True(resent.Copied);
        Assert.NotEqual(sent.Id, resent.QueuedMessageId);
        Assert.Equal(EmailStatus.Sent, (await portal.ReloadAsync(sent.Id)).Status);
        var copy = await portal.ReloadAsync(resent.QueuedMessageId);
        Assert.Equal(
            (sent.ToAddress, sent.Kind, sent.Subject, sent.HtmlBody, sent.TextBody, EmailStatus.Pending, 0),
            (copy.ToAddress, copy.Kind, copy.Subject, copy.HtmlBody, copy.TextBody, copy.Status, copy.Attempts));
        Assert.Equal([("email.resent", (Guid?)admin.Id)], await portal.AuditOfAsync("email_message", sent.Id.ToString()));
    }

    [Fact]
    public async Task A_suppressed_marketing_message_is_never_resent_and_an_unknown_one_is_not_found()
    {
        var admin = await portal.AdminAsync();
        var suppressed = await StoreAsync(EmailStatus.Suppressed);

        var refused = await Outbox.ResendAsync(admin.Id, suppressed.Id);
        var unknown = await Outbox.ResendAsync(admin.Id, Guid.NewGuid());

        Assert.Equal(EmailOutboxErrors.Suppressed, refused.Errors.Single());
        Assert.Equal(EmailOutboxErrors.NotFound, unknown.Errors.Single());
        Assert.Equal(EmailStatus.Suppressed, (await portal.ReloadAsync(suppressed.Id)).Status);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.EmailMessages.AnyAsync(m => m.ToAddress == suppressed.ToAddress && m.Id != suppressed.Id));
        Assert.Empty(await portal.AuditOfAsync("email_message", suppressed.Id.ToString()));
    }

    private Task<EmailMessage> StoreAsync(EmailStatus status, string? to = null) => portal.StoreAsync(status, to);
}
