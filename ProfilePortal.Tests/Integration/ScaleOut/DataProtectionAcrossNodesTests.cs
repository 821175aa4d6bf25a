using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.ScaleOut;

/// <summary>
/// Two app nodes over one database share the Data Protection key ring, so a cookie, antiforgery token or stored
/// credential protected on one node reads on the other (what a load balancer without affinity for them needs).
/// </summary>
public sealed class DataProtectionAcrossNodesTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private const string Purpose = "ScaleOut.Test";

    [Fact]
    public async Task Each_node_unprotects_what_the_other_protected()
    {
        await using var first = portal.BuildInstance();
        await using var second = portal.BuildInstance();

        var fromFirst = Protector(first).Protect("signed in on the first node");
        var fromSecond = Protector(second).Protect("signed in on the second node");

        Assert.Equal("signed in on the first node", Protector(second).Unprotect(fromFirst));
        Assert.Equal("signed in on the second node", Protector(first).Unprotect(fromSecond));
        // Shared through the app's database, not through a folder the two happen to share on this machine.
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task A_node_started_later_reads_what_an_earlier_node_protected()
    {
        string payload;
        await using (var earlier = portal.BuildInstance())
        {
            payload = Protector(earlier).Protect("before the restart");
        }

        await using var later = portal.BuildInstance();

        Assert.Equal("before the restart", Protector(later).Unprotect(payload));
    }

    private static IDataProtector Protector(IServiceProvider node) =>
        node.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
