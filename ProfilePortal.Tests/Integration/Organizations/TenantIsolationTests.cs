using System.Reflection;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Credentials;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Organizations;

/// <summary>
/// Tenant isolation: every customer-facing domain service method that acts on an organization (or on something that
/// belongs to one) is called by a user of another organization and, where the action is for owners and admins only,
/// by a plain Member. Every attempt must be refused (forbidden, not found or managers-only) and change nothing.
/// </summary>
public sealed class TenantIsolationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private const string AsStranger = "as a stranger";
    private const string AsMember = "as a Member";

    /// <summary>The organization under attack and the things in it, made by its owner through the real services.</summary>
    public sealed record Target(MembersTeam Team, Guid StrangerId, Guid PaymentId, Guid BindingId, Guid CredentialId, Guid CredentialVersion, Guid InvitationId, Guid FlowId)
    {
        public Guid OrganizationId => Team.OrganizationId;
    }

    private delegate Task<object?> Call(PortalServices portal, Guid actorId, Target target);

    private sealed record Case(Type Service, string Method, bool ManagersOnly, Call Invoke)
    {
        /// <summary>Puts the target in the state the method reads (a pause, a trial), so that the owner would see something.</summary>
        public Func<PortalServices, Target, Task<Target>>? Prepare { get; init; }

        public string Name => $"{Service.Name}.{Method}";
    }

    private static readonly Case[] Cases =
    [
        // Billing: reads are for members, everything that spends or changes is for owners and admins.
        Read<BillingService>("GetOverviewAsync", (p, a, t) => p.Get<BillingService>().GetOverviewAsync(a, t.OrganizationId)),
        Manage<BillingService>("StartPlanPurchaseAsync", (p, a, t) => p.Get<BillingService>().StartPlanPurchaseAsync(a, t.OrganizationId, "new_annual")),
        Manage<BillingService>("StartPackPurchaseAsync", (p, a, t) => p.Get<BillingService>().StartPackPurchaseAsync(a, t.OrganizationId, "standard", Guid.NewGuid().ToString("N"))),
        Manage<BillingService>("PayAsync", (p, a, t) => p.Get<BillingService>().PayAsync(a, t.PaymentId, p.Card())),
        Manage<BillingService>("SaveCardAsync", (p, a, t) => p.Get<BillingService>().SaveCardAsync(a, t.OrganizationId, p.Card())),
        Manage<BillingService>("StartCardBindingAsync", (p, a, t) => p.Get<BillingService>().StartCardBindingAsync(a, t.OrganizationId)),
        Manage<BillingService>("GetCardBindingAsync", (p, a, t) => p.Get<BillingService>().GetCardBindingAsync(a, t.BindingId)),
        Manage<BillingService>("RemoveCardAsync", (p, a, t) => p.Get<BillingService>().RemoveCardAsync(a, t.OrganizationId)),
        Read<BillingService>("GetPaymentAsync", (p, a, t) => p.Get<BillingService>().GetPaymentAsync(a, t.PaymentId)),
        Manage<BillingService>("GetReceiptAsync", (p, a, t) => p.Get<BillingService>().GetReceiptAsync(a, t.PaymentId)),

        // Trials.
        Read<TrialService>("GetOfferAsync", (p, a, t) => p.Get<TrialService>().GetOfferAsync(a, t.OrganizationId)),
        Read<TrialService>("GetStatusAsync", (p, a, t) => p.Get<TrialService>().GetStatusAsync(a, t.OrganizationId)) with { Prepare = TrialingAsync },
        Manage<TrialService>("StartAsync", (p, a, t) => p.Get<TrialService>().StartAsync(a, t.OrganizationId, "new_quarterly", p.Card(), "203.0.113.9")),
        Manage<TrialService>("CancelAsync", (p, a, t) => p.Get<TrialService>().CancelAsync(a, t.OrganizationId)),

        // Cancellation and its save offers.
        Read<CancellationService>("GetContextAsync", (p, a, t) => p.Get<CancellationService>().GetContextAsync(a, t.OrganizationId)),
        Manage<CancellationService>("BeginAsync", (p, a, t) => p.Get<CancellationService>().BeginAsync(a, t.OrganizationId, CancellationReason.TooExpensive, null)),
        Manage<CancellationService>("AcceptOfferAsync", (p, a, t) => p.Get<CancellationService>().AcceptOfferAsync(a, t.FlowId, SaveOfferKind.Pause, 1)),
        Manage<CancellationService>("ConfirmAsync", (p, a, t) => p.Get<CancellationService>().ConfirmAsync(a, t.FlowId)),
        Manage<CancellationService>("CancelSimplyAsync", (p, a, t) => p.Get<CancellationService>().CancelSimplyAsync(a, t.OrganizationId)),
        Manage<CancellationService>("ResumeAsync", (p, a, t) => p.Get<CancellationService>().ResumeAsync(a, t.OrganizationId)),

        // Pauses.
        Read<PauseService>("GetPauseAsync", (p, a, t) => p.Get<PauseService>().GetPauseAsync(a, t.OrganizationId)) with { Prepare = PausedAsync },
        Manage<PauseService>("PauseAsync", (p, a, t) => p.Get<PauseService>().PauseAsync(a, t.OrganizationId, 1)),
        Manage<PauseService>("ResumeEarlyAsync", (p, a, t) => p.Get<PauseService>().ResumeEarlyAsync(a, t.OrganizationId)),

        // Plan changes.
        Read<PlanChangeService>("GetChoicesAsync", (p, a, t) => p.Get<PlanChangeService>().GetChoicesAsync(a, t.OrganizationId)),
        Read<PlanChangeService>("QuoteAsync", (p, a, t) => p.Get<PlanChangeService>().QuoteAsync(a, t.OrganizationId, "new_annual")),
        Manage<PlanChangeService>("StartUpgradeAsync", (p, a, t) => p.Get<PlanChangeService>().StartUpgradeAsync(a, t.OrganizationId, "new_annual")),
        Manage<PlanChangeService>("ScheduleDowngradeAsync", (p, a, t) => p.Get<PlanChangeService>().ScheduleDowngradeAsync(a, t.OrganizationId, "new_monthly")),
        Manage<PlanChangeService>("CancelScheduledDowngradeAsync", (p, a, t) => p.Get<PlanChangeService>().CancelScheduledDowngradeAsync(a, t.OrganizationId)),

        // Organizations.
        Read<OrganizationService>("SwitchAsync", (p, a, t) => p.Get<OrganizationService>().SwitchAsync(a, t.OrganizationId)),
        Manage<OrganizationService>("RenameAsync", (p, a, t) => p.Get<OrganizationService>().RenameAsync(a, t.OrganizationId, "Taken over")),
        Read<OrganizationService>("LeaveAsync", (p, a, t) => p.Get<OrganizationService>().LeaveAsync(a, t.OrganizationId)),
        Manage<OrganizationService>("DeleteAsync", (p, a, t) => p.Get<OrganizationService>().DeleteAsync(a, t.OrganizationId)),

        // Members and invitations.
        Read<MembersService>("GetAsync", (p, a, t) => p.Get<MembersService>().GetAsync(a, t.OrganizationId)),
        Manage<MembersService>("ChangeRoleAsync", (p, a, t) => p.Get<MembersService>().ChangeRoleAsync(a, t.OrganizationId, t.Team.AdminId, OrganizationRole.Member)),
        Manage<MembersService>("RemoveAsync", (p, a, t) => p.Get<MembersService>().RemoveAsync(a, t.OrganizationId, t.Team.AdminId)),
        Manage<MembersService>("TransferOwnershipAsync", (p, a, t) => p.Get<MembersService>().TransferOwnershipAsync(a, t.OrganizationId, t.Team.AdminId)),
        Manage<InvitationService>("InviteAsync", (p, a, t) => p.Get<InvitationService>().InviteAsync(a, t.OrganizationId, Builders.UniqueEmail("intruder"), OrganizationRole.Admin)),
        Manage<InvitationService>("RevokeAsync", (p, a, t) => p.Get<InvitationService>().RevokeAsync(a, t.OrganizationId, t.InvitationId)),

        // The organization's activity feed: every member's launches.
        Read<ProfileService>("LoadActivityAsync", (p, a, t) => p.Get<ProfileService>().LoadActivityAsync(a, DateTimeOffset.MaxValue, organizationId: t.OrganizationId)),

        // Credentials.
        Manage<CredentialService>("ListAsync", (p, a, t) => p.Get<CredentialService>().ListAsync(a, t.OrganizationId)),
        Manage<CredentialService>("AddAsync", (p, a, t) => p.Get<CredentialService>().AddAsync(a, t.OrganizationId, new CredentialInput("Planted", "sk_live_planted_value", null))),
        Manage<CredentialService>("ReplaceAsync", (p, a, t) =>
            p.Get<CredentialService>().ReplaceAsync(a, t.OrganizationId, t.CredentialId, new CredentialInput("Stripe", "sk_live_overwritten", null), t.CredentialVersion)),
        Manage<CredentialService>("DeleteAsync", (p, a, t) => p.Get<CredentialService>().DeleteAsync(a, t.OrganizationId, t.CredentialId)),
        Manage<CredentialService>("RevealAsync", (p, a, t) => p.Get<CredentialService>().RevealAsync(a, t.OrganizationId, t.CredentialId)),
    ];

    /// <summary>
    /// Public async methods of the services under test that take no acting user together with an organization (or
    /// with something of one), and why: the guard accepts them without a case.
    /// </summary>
    private static readonly Dictionary<string, string> NotApplicable = new(StringComparer.Ordinal)
    {
        ["CardBindingService.ReleaseHoldAsync"] = "driven by the provider's notification, no acting user",
        ["CardBindingService.ReleaseDueHoldsAsync"] = "background sweep, no acting user",
        ["PauseService.StageAsync"] = "a step inside the cancellation flow, on a subscription the caller already authorized",
        ["PauseService.PausedAsync"] = "after the cancellation flow's own save: drops the cached quota and counts the pause; reads and changes no row",
        ["QuotaService.InvalidateAsync"] = "drops a cached snapshot after the caller's authorized save; reads and changes no row",
        ["QuotaService.GetSnapshotAsync"] = "called by other services after their own access check; no acting user",
        ["QuotaService.GetFreshSnapshotAsync"] = "called by other services after their own access check; no acting user",
        ["ProfileService.LoadPageAsync"] = "the acting user's own profile, no organization",
        ["ProfileService.GetAsync"] = "the acting user's own profile, no organization",
        ["ProfileService.UpdateAsync"] = "the acting user's own profile, no organization",
        ["OrganizationService.ListAsync"] = "the acting user's own memberships, no organization id",
        ["OrganizationService.CreateAsync"] = "creates a new organization, no existing one",
        ["InvitationService.GetAsync"] = "by the secret token of the invitation link, which is the capability",
        ["InvitationService.AcceptAsync"] = "by the secret token of the invitation link, which is the capability",
    };

    private static readonly Type[] Services =
    [
        typeof(BillingService), typeof(TrialService), typeof(CancellationService), typeof(PauseService), typeof(PlanChangeService),
        typeof(CardBindingService), typeof(QuotaService), typeof(ProfileService), typeof(OrganizationService), typeof(MembersService),
        typeof(InvitationService), typeof(CredentialService),
    ];

    /// <summary>
    /// Attempts known to get through: each has a skipped test of its own below whose reason names the isolation bug,
    /// and is left out of the theory so that it stays green.
    /// </summary>
    private static readonly HashSet<string> KnownBugs = new(StringComparer.Ordinal);

    public static TheoryData<string> Attempts()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            foreach (var attempt in c.ManagersOnly ? [$"{c.Name} {AsStranger}", $"{c.Name} {AsMember}"] : new[] { $"{c.Name} {AsStranger}" })
            {
                if (!KnownBugs.Contains(attempt))
                {
                    data.Add(attempt);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task Every_attempt_on_another_tenant_or_above_ones_role_is_refused_and_changes_nothing(string attempt)
    {
        await AssertRefusedAsync(attempt);
    }

    private async Task AssertRefusedAsync(string attempt)
    {
        var asStranger = attempt.EndsWith(AsStranger, StringComparison.Ordinal);
        var name = attempt[..attempt.IndexOf(' ', StringComparison.Ordinal)];
        var @case = Cases.Single(c => c.Name == name);
        var target = await TargetAsync(@case);
        var actorId = asStranger ? target.StrangerId : target.Team.MemberId;
        var before = await FingerprintAsync(target, actorId);

        var outcome = await @case.Invoke(portal, actorId, target);

        Assert.True(Refusal(outcome) is null, $"{attempt} was not refused: {Refusal(outcome)}");
        Assert.Equal(before, await FingerprintAsync(target, actorId));
    }

    public static TheoryData<string> Controls()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>The control: each case reaches what it aims at, for the owner is not refused (they may fail for other reasons).</summary>
    [Theory]
    [MemberData(nameof(Controls))]
    public async Task The_owner_is_not_refused_so_each_case_reaches_its_target(string name)
    {
        var @case = Cases.Single(c => c.Name == name);
        var target = await TargetAsync(@case);
        var outcome = await @case.Invoke(portal, target.Team.OwnerId, target);
        Assert.True(Refusal(outcome) is not null, $"{name} refused the owner: {outcome}");
    }

    [Fact]
    public void Every_public_async_method_of_the_customer_facing_services_has_a_case()
    {
        var found = Services
            .SelectMany(s => s.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
                .Select(m => $"{s.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var known = Cases.Select(c => c.Name).Concat(NotApplicable.Keys).ToHashSet(StringComparer.Ordinal);

        Assert.True(found.Except(known).Order().ToList() is [], $"Methods without a tenant isolation case: {string.Join(", ", found.Except(known).Order())}");
        Assert.True(known.Except(found).Order().ToList() is [], $"Cases for methods that no longer exist: {string.Join(", ", known.Except(found).Order())}");
    }

    /// <summary>Null when <paramref name="outcome"/> is a refusal; else what happened instead.</summary>
    private static string? Refusal(object? outcome) => outcome switch
    {
        null => null,
        Result { Succeeded: true } => "it succeeded",
        Result failed => failed.Errors.Any(e => IsRefusal(e.Code)) ? null : $"it failed for another reason ({string.Join(", ", failed.Errors.Select(e => e.Code))})",
        TrialOffer offer => offer.Available ? "a trial was offered" : IsRefusal(offer.UnavailableCode) ? null : $"the offer said {offer.UnavailableCode}",
        _ => $"it returned {outcome}",
    };

    private static bool IsRefusal(string? code) =>
        code is not null
        && (code == Error.Forbidden().Code
            || code.EndsWith("not_found", StringComparison.Ordinal) // "payment.not_found", "cancellation.flow_not_found"
            || code.EndsWith(".managers_only", StringComparison.Ordinal)
            || code.EndsWith(".owners_only", StringComparison.Ordinal)
            || code == OrganizationService.OwnerOnly.Code
            || code == OrganizationService.OwnerOrAdminOnly.Code);

    /// <summary>
    /// A fresh organization (Owner, Admin, Member) on a paid plan, with a receipt, a card binding, a credential, a
    /// pending invitation and an open cancellation flow; and a stranger with an organization of their own.
    /// </summary>
    private async Task<Target> TargetAsync(Case @case)
    {
        var target = await TargetAsync();
        return @case.Prepare is null ? target : await @case.Prepare(portal, target);
    }

    private async Task<Target> TargetAsync()
    {
        var team = await MembersTeam.CreateAsync(portal);
        var stranger = await portal.ConfirmedUserAsync(Builders.UniqueEmail("stranger"));
        var billing = portal.Get<BillingService>();

        var checkout = await billing.StartPlanPurchaseAsync(team.OwnerId, team.OrganizationId, "new_quarterly");
        Assert.True(checkout.Succeeded, string.Join("; ", checkout.Errors.Select(e => e.Code)));
        var paid = await billing.PayAsync(team.OwnerId, checkout.Value.PaymentId, portal.Card());
        Assert.True(paid.Succeeded, string.Join("; ", paid.Errors.Select(e => e.Code)));

        var bindingId = await CardBindingAsync(team);
        var credential = await portal.Get<CredentialService>().AddAsync(team.OwnerId, team.OrganizationId, new CredentialInput("Stripe", "sk_live_secret_value_1234", null));
        Assert.True(credential.Succeeded, string.Join("; ", credential.Errors.Select(e => e.Code)));
        var invitation = await portal.Get<InvitationService>().InviteAsync(team.OwnerId, team.OrganizationId, Builders.UniqueEmail("invitee"), OrganizationRole.Member);
        Assert.True(invitation.Succeeded, string.Join("; ", invitation.Errors.Select(e => e.Code)));
        var flow = await portal.Get<CancellationService>().BeginAsync(team.OwnerId, team.OrganizationId, CancellationReason.TooExpensive, null);
        Assert.True(flow.Succeeded, string.Join("; ", flow.Errors.Select(e => e.Code)));

        return new Target(
            team,
            stranger.Id,
            checkout.Value.PaymentId,
            bindingId,
            credential.Value.Id,
            credential.Value.Version,
            invitation.Value.Id,
            flow.Value.FlowId);
    }

    /// <summary>
    /// A card binding of the organization: started through the service where the gateway binds cards, else stored as
    /// the service would store it (the sandbox gateway does not bind cards).
    /// </summary>
    private async Task<Guid> CardBindingAsync(MembersTeam team)
    {
        var started = await portal.Get<BillingService>().StartCardBindingAsync(team.OwnerId, team.OrganizationId);
        if (started.Succeeded)
        {
            return started.Value.BindingId;
        }

        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var binding = CardBinding.Start(team.OrganizationId, team.OwnerId, portal.Clock.GetUtcNow());
        db.CardBindings.Add(binding);
        await db.SaveChangesAsync();
        return binding.Id;
    }

    /// <summary>What a refused attempt must leave as it was: the organization's rows and the actor's chosen organization.</summary>
    private async Task<string> FingerprintAsync(Target target, Guid actorId)
    {
        var id = target.OrganizationId;
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Name, o.DeletedAt }).SingleAsync();
        var roles = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == id).OrderBy(m => m.UserId).Select(m => m.UserId + ":" + m.Role).ToListAsync();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.OrganizationId == id)
            .Select(s => s.PlanCode + ":" + s.Status + ":" + s.CancelAtPeriodEnd + ":" + s.CurrentPeriodEnd).ToListAsync();
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrganizationId == id).OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Status).ToListAsync();
        var credentials = await db.OrganizationCredentials.AsNoTracking().Where(c => c.OrganizationId == id).OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version).ToListAsync();
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == id).OrderBy(i => i.Id).Select(i => i.Id + ":" + i.Version).ToListAsync();
        var counts = new[]
        {
            await db.AuditEntries.CountAsync(a => a.OrganizationId == id),
            await db.PaymentMethods.CountAsync(m => m.OrganizationId == id),
            await db.CardBindings.CountAsync(b => b.OrganizationId == id),
            await db.CancellationFeedback.CountAsync(f => f.OrganizationId == id),
            await db.Trials.CountAsync(t => t.OrganizationId == id),
        };
        var current = await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.CurrentOrganizationId).SingleAsync();
        return string.Join(
            " | ",
            organization.Name,
            organization.DeletedAt,
            string.Join(",", roles),
            string.Join(",", subscriptions),
            string.Join(",", payments),
            string.Join(",", credentials),
            string.Join(",", invitations),
            string.Join(",", counts),
            current);
    }

    /// <summary>The target with its organization replaced by a new customer's organization in a trial (a paid one cannot start one).</summary>
    private static async Task<Target> TrialingAsync(PortalServices portal, Target target)
    {
        var customer = await portal.CustomerAsync();
        await portal.StartTrialAsync(customer);
        return target with { Team = target.Team with { OrganizationId = customer.OrganizationId, OwnerId = customer.Id } };
    }

    /// <summary>The target with its subscription paused by its owner.</summary>
    private static async Task<Target> PausedAsync(PortalServices portal, Target target)
    {
        var paused = await portal.Get<PauseService>().PauseAsync(target.Team.OwnerId, target.OrganizationId, 1);
        Assert.True(paused.Succeeded, string.Join("; ", paused.Errors.Select(e => e.Code)));
        return target;
    }

    private static Case Read<TService>(string method, Func<PortalServices, Guid, Target, Task> call) =>
        new(typeof(TService), method, ManagersOnly: false, Unwrap(call));

    private static Case Manage<TService>(string method, Func<PortalServices, Guid, Target, Task> call) =>
        new(typeof(TService), method, ManagersOnly: true, Unwrap(call));

    /// <summary>Awaits the call and hands back its result (a <see cref="Result"/>, a view, or null).</summary>
    private static Call Unwrap(Func<PortalServices, Guid, Target, Task> call) => async (portal, actorId, target) =>
    {
        var task = call(portal, actorId, target);
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
    };
}
