using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Credentials;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Credentials;

/// <summary>
/// The real key ring in the real SQLite database: a rotation keeps old values readable, a revocation does not.
/// A class (and database) of its own, because revoking a key changes the ring for every later test.
/// </summary>
public sealed class CredentialKeyRotationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task A_value_protected_with_an_old_key_reads_after_rotation_and_not_after_that_key_is_revoked()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        var credentials = portal.Get<CredentialService>();
        var before = await credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("Before rotation", "value-under-the-first-key"));
        var oldKeyId = KeyIdOf(await PayloadAsync(before.Value.Id));

        // Rotation: a new key, and the old one past its expiry (as 90 days later); a node reading the ring afresh then
        // protects with the new key. Data Protection chooses by the key's dates on the system clock, not the test's.
        var newKey = portal.Get<IKeyManager>().CreateNewKey(activationDate: DateTimeOffset.UtcNow, expirationDate: DateTimeOffset.UtcNow.AddDays(90));
        await ExpireAsync(oldKeyId);
        await using var node = portal.BuildInstance();
        var rotated = node.GetRequiredService<CredentialService>();
        var after = await rotated.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("After rotation", "value-under-the-second-key"));

        Assert.NotEqual(oldKeyId, newKey.KeyId);
        Assert.Equal(newKey.KeyId, KeyIdOf(await PayloadAsync(after.Value.Id)));
        Assert.Equal("value-under-the-first-key", (await rotated.RevealAsync(s.OwnerId, s.OrganizationId, before.Value.Id)).Value);
        Assert.Equal("value-under-the-second-key", (await rotated.RevealAsync(s.OwnerId, s.OrganizationId, after.Value.Id)).Value);

        // Revocation: a node that reads the ring after it (a node may serve its cached ring for a while) refuses the old key.
        node.GetRequiredService<IKeyManager>().RevokeKey(oldKeyId, reason: "rotation test");
        await using var later = portal.BuildInstance();
        var revoked = later.GetRequiredService<CredentialService>();

        Assert.Equal(CredentialErrors.Unreadable, Assert.Single((await revoked.RevealAsync(s.OwnerId, s.OrganizationId, before.Value.Id)).Errors));
        Assert.Equal("value-under-the-second-key", (await revoked.RevealAsync(s.OwnerId, s.OrganizationId, after.Value.Id)).Value);
        var replaced = await revoked.ReplaceAsync(s.OwnerId, s.OrganizationId, before.Value.Id, CredentialScenario.Input("", "value-entered-again"), before.Value.Version);
        Assert.Equal("value-entered-again", (await revoked.RevealAsync(s.OwnerId, s.OrganizationId, replaced.Value.Id)).Value);
    }

    private async Task ExpireAsync(Guid keyId)
    {
        await using var db = (PortalDbContext)await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var key = await db.DataProtectionKeys.SingleAsync(k => k.Xml!.Contains(keyId.ToString()));
        var past = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
        key.Xml = Regex.Replace(key.Xml!, "<expirationDate>[^<]+</expirationDate>", $"<expirationDate>{past}</expirationDate>");
        await db.SaveChangesAsync();
    }

    // A Data Protection payload: a 4-byte magic header, then the id of the key that protected it.
    private static Guid KeyIdOf(string payload) => new(WebEncoders.Base64UrlDecode(payload).AsSpan(4, 16));

    private async Task<string> PayloadAsync(Guid credentialId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.OrganizationCredentials.Where(c => c.Id == credentialId).Select(c => c.ProtectedValue).SingleAsync();
    }
}
