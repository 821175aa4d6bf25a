using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Identity;

/// <summary>
/// Live sign-ins checked in bulk against the users' security stamps in the database, by Identity's rule: valid
/// while the user exists and has the stamp the sign-in was issued with.
/// </summary>
public sealed class SignInRevalidationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Only_sign_ins_whose_user_renewed_the_stamp_or_no_longer_exists_are_revoked()
    {
        var kept = await portal.RegisteredUserAsync();
        var renewed = await portal.RegisteredUserAsync();
        var keptSignIn = new SignInStamp(kept.Id, kept.SecurityStamp);
        var renewedSignIn = new SignInStamp(renewed.Id, renewed.SecurityStamp);
        var gone = new SignInStamp(Guid.NewGuid(), "stamp-of-an-account-that-no-longer-exists");
        var noStamp = new SignInStamp(kept.Id, null);
        var notOurs = new SignInStamp(null, kept.SecurityStamp);
        await portal.ChangedUserAsync(renewed.Id, (users, user) => users.UpdateSecurityStampAsync(user));

        var revoked = await portal.Get<SignInRevalidation>().FindRevokedAsync([keptSignIn, renewedSignIn, gone, noStamp, notOurs]);

        Assert.Equal(new HashSet<SignInStamp> { renewedSignIn, gone, noStamp, notOurs }, revoked.ToHashSet());
    }

    [Fact]
    public async Task A_changed_password_revokes_the_sign_ins_made_before_it()
    {
        var user = await portal.RegisteredUserAsync();
        var before = new SignInStamp(user.Id, user.SecurityStamp);

        var changed = await portal.ChangedUserAsync(user.Id, (users, stored) =>
            users.ChangePasswordAsync(stored, Builders.StrongPassword, "another long passphrase 7"));
        var after = new SignInStamp(changed.Id, changed.SecurityStamp);

        var revoked = await portal.Get<SignInRevalidation>().FindRevokedAsync([before, after]);

        Assert.Equal([before], revoked);
    }

    [Fact]
    public async Task Many_sign_ins_are_read_a_batch_of_users_at_a_time_and_each_is_judged_right()
    {
        var users = new[] { await portal.RegisteredUserAsync(), await portal.RegisteredUserAsync() };
        var valid = users.Select(user => new SignInStamp(user.Id, user.SecurityStamp)).ToArray();
        // Unknown users around them, so the real ones fall into the second and third batch.
        var unknown = Enumerable.Range(0, (2 * SignInRevalidation.BatchSize) + 10)
            .Select(_ => new SignInStamp(Guid.NewGuid(), "x")).ToList();
        var signIns = unknown.Take(SignInRevalidation.BatchSize + 3).Append(valid[0])
            .Concat(unknown.Skip(SignInRevalidation.BatchSize + 3)).Append(valid[1])
            .ToList();

        var revoked = await portal.Get<SignInRevalidation>().FindRevokedAsync(signIns);

        Assert.Equal(unknown.Count, revoked.Count);
        Assert.All(valid, signIn => Assert.DoesNotContain(signIn, revoked));
    }
}
