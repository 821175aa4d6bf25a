using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Organizations;

/// <summary>
/// Invitations into an organization: an owner or admin invites an address (a real email with a link that expires) or
/// revokes a pending invitation; the person the link was sent to, signed in with that address, accepts it and joins
/// with the invited role. The link's token exists only in the email; the database has its hash. Every change is
/// audited in the same save, and the email is queued in that save too.
/// </summary>
public sealed class InvitationService(
    IPortalDbContextFactory dbFactory, EmailOutbox outbox, IOptions<InvitationOptions> options, IOptions<PortalLinkOptions> links, TimeProvider clock)
{
    /// <summary>The path of the invitation page, followed by the token.</summary>
    public const string PathPrefix = "invitations/";

    /// <summary>Invites <paramref name="email"/> as <paramref name="role"/> (Admin or Member) and queues the email with the link.</summary>
    public async Task<Result<PendingInvitation>> InviteAsync(
        Guid userId, Guid organizationId, string email, OrganizationRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (MembersService.RequireManager(await MembersService.RoleAsync(db, userId, organizationId, cancellationToken)) is { } denied)
        {
            return denied;
        }

        var address = email?.Trim() ?? string.Empty;
        if (!IsEmail(address))
        {
            return MembersErrors.InvalidEmail;
        }

        if (role is not (OrganizationRole.Admin or OrganizationRole.Member))
        {
            return MembersErrors.InvalidRole;
        }

        var normalized = Invitation.Normalize(address);
        var invitee = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.PreferredLanguage, u.Email, u.FirstName, u.LastName })
            .FirstOrDefaultAsync(cancellationToken);
        if (invitee is not null && await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == invitee.Id, cancellationToken))
        {
            return MembersErrors.AlreadyMember;
        }

        var now = clock.GetUtcNow();
        if (await db.Invitations.AnyAsync(
                i => i.OrganizationId == organizationId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now,
                cancellationToken))
        {
            return MembersErrors.AlreadyInvited;
        }

        var inviter = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var organizationName = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var token = InvitationTokens.NewToken();
        var invitation = Invitation.Create(organizationId, address, role, InvitationTokens.Hash(token), userId, now, options.Value.Lifetime);
        db.Invitations.Add(invitation);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "invitation.created", "invitation", invitation.Id.ToString(), organizationId,
            FieldChange.Describe([new("Email", null, invitation.Email), new("Role", null, role.ToString()), new("ExpiresAt", null, invitation.ExpiresAt.ToString("O"))]),
            now));
        // The invitee's language when they already have an account, otherwise the inviter's: they likely share one.
        db.EmailMessages.Add(await outbox.PrepareAsync(
            invitation.Email,
            invitee?.PreferredLanguage ?? inviter.PreferredLanguage,
            new InvitationModel(
                invitee is null ? null : PersonName.Display(invitee.FirstName, invitee.LastName, invitee.Email ?? address),
                inviter.DisplayName, organizationName, role, links.Value.Link(PathPrefix + token), invitation.ExpiresAt),
            cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return new PendingInvitation(invitation.Id, invitation.Email, role, inviter.DisplayName, now, invitation.ExpiresAt);
    }

    /// <summary>Withdraws a pending invitation: its link stops working.</summary>
    public async Task<Result> RevokeAsync(Guid userId, Guid organizationId, Guid invitationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (MembersService.RequireManager(await MembersService.RoleAsync(db, userId, organizationId, cancellationToken)) is { } denied)
        {
            return denied;
        }

        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganizationId == organizationId, cancellationToken);
        if (invitation is null)
        {
            return MembersErrors.InvitationNotFound;
        }

        var now = clock.GetUtcNow();
        if (Refusal(invitation.StatusAt(now)) is { } refused)
        {
            return refused;
        }

        invitation.Revoke(userId, now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "invitation.revoked", "invitation", invitation.Id.ToString(), organizationId,
            FieldChange.Describe([new("Email", invitation.Email, null), new("Status", nameof(InvitationStatus.Pending), nameof(InvitationStatus.Revoked))]),
            now));
        return await db.SaveOrConflictAsync(MembersErrors.Changed, cancellationToken) is { } changed ? changed : Result.Success();
    }

    /// <summary>What the link's page shows, whoever opens it; null when the token matches no invitation.</summary>
    public async Task<InvitationView?> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var hash = InvitationTokens.Hash(token);
        // An invitation to an organization deleted since is no invitation any more.
        var row = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.Organization!.DeletedAt == null)
            .Select(i => new
            {
                Invitation = i,
                OrganizationName = i.Organization!.Name,
                Inviter = db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => new { u.Email, u.FirstName, u.LastName }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var invitation = row.Invitation;
        var inviter = row.Inviter is null ? string.Empty : PersonName.Display(row.Inviter.FirstName, row.Inviter.LastName, row.Inviter.Email ?? string.Empty);
        return new InvitationView(
            row.OrganizationName, inviter, invitation.Email, invitation.Role, invitation.ExpiresAt, invitation.StatusAt(clock.GetUtcNow()), invitation.OrganizationId);
    }

    /// <summary>
    /// Joins the signed-in user to the organization with the invited role, when the invitation is pending and was sent
    /// to the user's address, and makes it the organization they act in. Returns the organization's id.
    /// </summary>
    public async Task<Result<Guid>> AcceptAsync(Guid userId, string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return MembersErrors.InvitationNotFound;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var hash = InvitationTokens.Hash(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash && i.Organization!.DeletedAt == null, cancellationToken);
        if (invitation is null)
        {
            return MembersErrors.InvitationNotFound;
        }

        var now = clock.GetUtcNow();
        if (Refusal(invitation.StatusAt(now)) is { } refused)
        {
            return refused;
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.EmailConfirmed || user.NormalizedEmail != invitation.NormalizedEmail)
        {
            return MembersErrors.WrongRecipient;
        }

        if (await db.Memberships.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == userId, cancellationToken))
        {
            return MembersErrors.AlreadyMember;
        }

        // The invitee joined to work there: the organization becomes the one they act in, as a created one does.
        invitation.Accept(userId, now);
        db.Memberships.Add(Membership.Create(invitation.OrganizationId, userId, invitation.Role, now));
        user.CurrentOrganizationId = invitation.OrganizationId;
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "invitation.accepted", "invitation", invitation.Id.ToString(), invitation.OrganizationId,
            FieldChange.Describe([new("Status", nameof(InvitationStatus.Pending), nameof(InvitationStatus.Accepted)), new("Role", null, invitation.Role.ToString())]),
            now));
        // A second click or tab accepting at the same moment changes the invitation's version first (or adds the membership).
        return await db.SaveOrRacedAsync(MembersErrors.InvitationAccepted, cancellationToken) is { } raced ? raced : invitation.OrganizationId;
    }

    internal static bool IsEmail(string address) =>
        address.Length <= Invitation.EmailMaxLength && MailAddress.TryCreate(address, out var parsed) && parsed.Address == address
        && address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && address.IndexOf('.', at) > at + 1;

    private static Error? Refusal(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => null,
        InvitationStatus.Accepted => MembersErrors.InvitationAccepted,
        InvitationStatus.Revoked => MembersErrors.InvitationRevoked,
        InvitationStatus.Expired => MembersErrors.InvitationExpired,
        _ => MembersErrors.InvitationNotFound,
    };
}
