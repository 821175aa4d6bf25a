using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Quotas;

/// <summary>The portal's services with an in-memory mail server in place of SMTP.</summary>
public sealed class QuotaNoticeServices : PortalServices
{
    public FakeEmailTransport Transport { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IEmailTransport>(Transport);
}

public sealed class QuotaNoticeSweepTests(QuotaNoticeServices portal) : IClassFixture<QuotaNoticeServices>
{
    [Fact]
    public async Task Two_sweeps_and_the_outbox_deliver_one_email_to_each_opted_in_member()
    {
        var owner = await portal.ConfirmedUserAsync(language: "ru");
        var member = await portal.ConfirmedUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(owner.Id);
        await portal.JoinAsync(organizationId, member.Id);
        await portal.LaunchAsync(organizationId, 42);

        var first = await portal.SweepQuotaNoticesAsync();
        var second = await portal.SweepQuotaNoticesAsync();
        await portal.Get<EmailDispatcher>().DispatchDueAsync(batchSize: 10);

        Assert.Equal(2, first.Queued);
        Assert.Equal(0, second.Queued);
        Assert.Equal("Запуски заканчиваются", Assert.Single(portal.Transport.Sent, m => m.ToAddress == owner.Email).Subject);
        Assert.Equal("Your launches are running low", Assert.Single(portal.Transport.Sent, m => m.ToAddress == member.Email).Subject);
        Assert.Equal(2, (await portal.QuotaNoticesOfAsync(owner)).Count + (await portal.QuotaNoticesOfAsync(member)).Count);
    }
}
