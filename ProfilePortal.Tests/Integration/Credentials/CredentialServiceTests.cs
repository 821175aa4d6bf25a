using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Credentials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Credentials;

public sealed class CredentialServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private const string Secret = "sk_live_4f9c1d2e8a7b6c5d";

    private CredentialService Credentials => portal.Get<CredentialService>();

    [Fact]
    public async Task A_value_is_stored_encrypted_and_reveals_to_the_owner_with_an_audit_entry()
    {
        var s = await CredentialScenario.CreateAsync(portal);

        var added = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input(" Stripe API ", Secret, "live account"));

        Assert.True(added.Succeeded);
        Assert.Equal("Stripe API", added.Value.Name);
        Assert.Equal("••••6c5d", added.Value.Masked);
        var stored = await RawColumnAsync(added.Value.Id);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4f9c1d2e8a7b", stored, StringComparison.Ordinal);
        Assert.True(stored.Length > Secret.Length);

        var revealed = await Credentials.RevealAsync(s.OwnerId, s.OrganizationId, added.Value.Id);

        Assert.Equal(Secret, revealed.Value);
        var audit = await AuditAsync(added.Value.Id);
        Assert.Equal(["credential.added", "credential.revealed"], audit.Select(a => a.Action).Order());
        Assert.All(audit, a => Assert.Equal(s.OwnerId, a.ActorUserId));
        Assert.All(audit, a => Assert.DoesNotContain(Secret, a.Changes, StringComparison.Ordinal));
        Assert.Contains("Stripe API", audit.Single(a => a.Action == "credential.added").Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_manages_the_credentials_as_the_owner_does()
    {
        var s = await CredentialScenario.CreateAsync(portal);

        var added = await Credentials.AddAsync(s.AdminId, s.OrganizationId, CredentialScenario.Input("Telegram bot", "123456:ABC-DEF1234ghIkl"));
        var replaced = await Credentials.ReplaceAsync(s.AdminId, s.OrganizationId, added.Value.Id, CredentialScenario.Input("", "new-token-0000000042", "rotated"), added.Value.Version);
        var revealed = await Credentials.RevealAsync(s.AdminId, s.OrganizationId, added.Value.Id);
        var deleted = await Credentials.DeleteAsync(s.AdminId, s.OrganizationId, added.Value.Id);

        Assert.True(replaced.Succeeded);
        Assert.Equal("••••0042", replaced.Value.Masked);
        Assert.Equal("rotated", replaced.Value.Note);
        Assert.Equal("new-token-0000000042", revealed.Value);
        Assert.True(deleted.Succeeded);
        Assert.Empty((await Credentials.ListAsync(s.OwnerId, s.OrganizationId)).Value.Items);
        Assert.Equal(
            ["credential.added", "credential.deleted", "credential.replaced", "credential.revealed"],
            (await AuditAsync(added.Value.Id)).Select(a => a.Action).Order());
    }

    [Fact]
    public async Task A_member_is_refused_everything_and_sees_no_names()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        var added = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("GitHub", Secret));

        Assert.Equal(CredentialErrors.ManagersOnly, Assert.Single((await Credentials.ListAsync(s.MemberId, s.OrganizationId)).Errors));
        Assert.Equal(CredentialErrors.ManagersOnly, Assert.Single((await Credentials.RevealAsync(s.MemberId, s.OrganizationId, added.Value.Id)).Errors));
        Assert.Equal(CredentialErrors.ManagersOnly, Assert.Single((await Credentials.AddAsync(s.MemberId, s.OrganizationId, CredentialScenario.Input("Mine", Secret))).Errors));
        Assert.Equal(CredentialErrors.ManagersOnly, Assert.Single((await Credentials.DeleteAsync(s.MemberId, s.OrganizationId, added.Value.Id)).Errors));
        Assert.Equal(["credential.added"], (await AuditAsync(added.Value.Id)).Select(a => a.Action));
    }

    [Fact]
    public async Task A_user_of_another_organization_is_refused_and_cannot_reach_a_credential_through_their_own()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        var added = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("GitHub", Secret));

        Assert.Equal("access.forbidden", Assert.Single((await Credentials.ListAsync(s.StrangerId, s.OrganizationId)).Errors).Code);
        Assert.Equal("access.forbidden", Assert.Single((await Credentials.RevealAsync(s.StrangerId, s.OrganizationId, added.Value.Id)).Errors).Code);
        Assert.Equal("access.forbidden", Assert.Single((await Credentials.DeleteAsync(s.StrangerId, s.OrganizationId, added.Value.Id)).Errors).Code);
        // Their own organization in the call, the other's credential id: not found, not revealed.
        Assert.Equal(CredentialErrors.NotFound, Assert.Single((await Credentials.RevealAsync(s.StrangerId, s.StrangersOrganizationId, added.Value.Id)).Errors));
        Assert.Equal(CredentialErrors.NotFound, Assert.Single((await Credentials.DeleteAsync(s.StrangerId, s.StrangersOrganizationId, added.Value.Id)).Errors));
        Assert.Single((await Credentials.ListAsync(s.OwnerId, s.OrganizationId)).Value.Items);
    }

    [Fact]
    public async Task A_name_is_unique_per_organization_whatever_its_case()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("OpenAI", Secret));

        var clash = await Credentials.AddAsync(s.AdminId, s.OrganizationId, CredentialScenario.Input(" openai ", "other-value"));
        var elsewhere = await Credentials.AddAsync(s.StrangerId, s.StrangersOrganizationId, CredentialScenario.Input("OpenAI", "other-value"));

        Assert.Equal(CredentialErrors.NameTaken, Assert.Single(clash.Errors));
        Assert.True(elsewhere.Succeeded);
        Assert.Equal(["OpenAI"], (await Credentials.ListAsync(s.OwnerId, s.OrganizationId)).Value.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task Missing_and_oversized_fields_are_refused_with_the_field_they_belong_to()
    {
        var s = await CredentialScenario.CreateAsync(portal);

        var empty = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, new CredentialInput(" ", "", null));
        var tooLong = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, new CredentialInput(
            new string('n', OrganizationCredential.NameMaxLength + 1),
            new string('v', OrganizationCredential.ValueMaxLength + 1),
            new string('x', OrganizationCredential.NoteMaxLength + 1)));
        var longest = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, new CredentialInput(
            new string('n', OrganizationCredential.NameMaxLength), new string('v', OrganizationCredential.ValueMaxLength), null));

        Assert.Equal([CredentialErrors.NameRequired, CredentialErrors.ValueRequired], empty.Errors);
        Assert.Equal([CredentialErrors.NameTooLong, CredentialErrors.ValueTooLong, CredentialErrors.NoteTooLong], tooLong.Errors);
        Assert.True(longest.Succeeded);
        Assert.Equal(new string('v', OrganizationCredential.ValueMaxLength), (await Credentials.RevealAsync(s.OwnerId, s.OrganizationId, longest.Value.Id)).Value);
    }

    [Fact]
    public async Task A_short_value_shows_only_the_mask()
    {
        var s = await CredentialScenario.CreateAsync(portal);

        var added = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("PIN", "12345678901"));

        Assert.Equal("••••", added.Value.Masked);
        Assert.Null(added.Value.Hint);
    }

    [Fact]
    public async Task A_replacement_from_a_stale_page_is_refused_and_keeps_the_newer_value()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        var added = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("Slack", Secret));
        await Credentials.ReplaceAsync(s.AdminId, s.OrganizationId, added.Value.Id, CredentialScenario.Input("", "admins-value-123456"), added.Value.Version);

        var stale = await Credentials.ReplaceAsync(s.OwnerId, s.OrganizationId, added.Value.Id, CredentialScenario.Input("", "owners-value-123456"), added.Value.Version);

        Assert.Equal(CredentialErrors.Conflict, Assert.Single(stale.Errors));
        Assert.Equal("admins-value-123456", (await Credentials.RevealAsync(s.OwnerId, s.OrganizationId, added.Value.Id)).Value);
    }

    [Fact]
    public async Task A_payload_copied_into_another_organization_does_not_decrypt()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        var added = await Credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("GitHub", Secret));
        var theirs = await Credentials.AddAsync(s.StrangerId, s.StrangersOrganizationId, CredentialScenario.Input("GitHub", "placeholder-value"));
        var payload = await RawColumnAsync(added.Value.Id);
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            await db.OrganizationCredentials.Where(c => c.Id == theirs.Value.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ProtectedValue, payload));
        }

        var revealed = await Credentials.RevealAsync(s.StrangerId, s.StrangersOrganizationId, theirs.Value.Id);

        Assert.Equal(CredentialErrors.Unreadable, Assert.Single(revealed.Errors));
        Assert.Null(portal.Get<ICredentialProtector>().Unprotect(s.StrangersOrganizationId, payload));
    }

    // Straight from the file, past EF: what a copy of the database would show.
    private async Task<string> RawColumnAsync(Guid credentialId)
    {
        await using var connection = new SqliteConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProtectedValue FROM OrganizationCredentials WHERE Id = $id";
        command.Parameters.AddWithValue("$id", credentialId.ToString().ToUpperInvariant());
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<Domain.Audit.AuditEntry>> AuditAsync(Guid credentialId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var id = credentialId.ToString();
        return await db.AuditEntries.AsNoTracking().Where(a => a.TargetType == "credential" && a.TargetId == id).ToListAsync();
    }
}
