using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Identity;

/// <summary>
/// A sign-in as a live session carries it: the user it names and the security stamp it was issued with (Identity's
/// claims). <see cref="UserId"/> is null when the principal's id is not one of ours.
/// </summary>
public readonly record struct SignInStamp(Guid? UserId, string? SecurityStamp);

/// <summary>
/// Checks many live sign-ins against the users' current security stamps at once, by Identity's rule: a sign-in stays
/// valid while its user exists and has the stamp it was issued with. A changed password, a reset, an email change or
/// any other change that renews the stamp ends the user's other sessions; so does a deleted account.
/// </summary>
public sealed class SignInRevalidation(IPortalDbContextFactory factory)
{
    /// <summary>Users read per query, well under the parameter limits of SQLite and SQL Server.</summary>
    public const int BatchSize = 500;

    /// <summary>The sign-ins among <paramref name="signIns"/> that are no longer valid.</summary>
    public async Task<IReadOnlySet<SignInStamp>> FindRevokedAsync(
        IReadOnlyCollection<SignInStamp> signIns, CancellationToken cancellationToken = default)
    {
        var userIds = signIns.Select(signIn => signIn.UserId).OfType<Guid>().Distinct();
        var current = new Dictionary<Guid, string?>();
        await using var db = await factory.CreateAsync(cancellationToken);
        foreach (var batch in userIds.Chunk(BatchSize))
        {
            var stamps = await db.Users.AsNoTracking()
                .Where(user => batch.Contains(user.Id))
                .Select(user => new { user.Id, user.SecurityStamp })
                .ToListAsync(cancellationToken);
            foreach (var stamp in stamps)
            {
                current[stamp.Id] = stamp.SecurityStamp;
            }
        }

        var revoked = new HashSet<SignInStamp>();
        foreach (var signIn in signIns)
        {
            var valid = signIn.UserId is { } id
                && current.TryGetValue(id, out var stamp)
                && string.Equals(signIn.SecurityStamp, stamp, StringComparison.Ordinal);
            if (!valid)
            {
                revoked.Add(signIn);
            }
        }

        return revoked;
    }
}
