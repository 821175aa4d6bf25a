using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>
/// An admin moves a subscription to another organization: the row moves as it stands, the source starts again on
/// Free, both sides are audited with the reason, and every refusal changes nothing.
/// </summary>
public sealed class SubscriptionMoveServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private SubscriptionMoveService Moves => portal.Get<SubscriptionMoveService>();

    [Fact]
    public async Task A_paid_subscription_moves_with_its_period_and_cycle_and_the_source_starts_again_on_free()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();
        var before = await portal.SubscriptionAsync(customer.OrganizationId);
        var teamFree = await portal.SubscriptionAsync(team);

        var moved = await Moves.MoveAsync(admin.Id, customer.OrganizationId, team, "  Ticket 77: move Pro to the team  ");

        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors.Select(e => e.Message)));
        var after = await portal.SubscriptionAsync(team);
        Assert.Equal(
            (before.Id, before.PlanCode, before.Status, before.CurrentPeriodEnd, before.BillingCycle, before.BillingAnchor),
            (after.Id, after.PlanCode, after.Status, after.CurrentPeriodEnd, after.BillingCycle, after.BillingAnchor));
        var sourceNow = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((moved.Value.SourceFreeSubscriptionId, Plan.FreeCode, SubscriptionStatus.Active), (sourceNow.Id, sourceNow.PlanCode, sourceNow.Status));
        Assert.False(await ExistsAsync(teamFree.Id));

        // The payment stays where it was made; the quota follows the plan.
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Empty(await portal.PaymentsAsync(team));
        var quotas = portal.Get<QuotaService>();
        Assert.Equal(500, (await quotas.GetSnapshotAsync(team))!.PlanAllowance);
        Assert.Equal(
            (await quotas.GetFreshSnapshotAsync(customer.OrganizationId))!.PlanAllowance,
            (await quotas.GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);
        Assert.NotEqual(500, (await quotas.GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);

        Assert.Equal(("subscription.moved", (Guid?)admin.Id), (await portal.AuditOfAsync("subscription", before.Id.ToString()))[^1]);
        Assert.Equal([("subscription.moved_away", (Guid?)admin.Id)], await portal.AuditOfAsync("subscription", sourceNow.Id.ToString()));
        Assert.Contains("subscription.moved", await portal.AuditActionsAsync(team));
        Assert.Contains("subscription.moved_away", await portal.AuditActionsAsync(customer.OrganizationId));
        var changes = await ChangesAsync(before.Id);
        Assert.Contains("Ticket 77: move Pro to the team\"", changes, StringComparison.Ordinal);
        Assert.Contains("Nova Team", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_renewal_charges_the_target_and_without_a_card_there_asks_for_one()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();

        var preview = await Moves.PreviewAsync(admin.Id, customer.OrganizationId, team);

        Assert.True(preview.Succeeded);
        Assert.Equal(("new_quarterly", "Nova Team", false, 0), (preview.Value.PlanCode, preview.Value.TargetName, preview.Value.TargetHasCard, preview.Value.OpenCancellationFlows));
        Assert.Equal((await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd, preview.Value.NextChargeAt);
    }

    [Fact]
    public async Task A_cancellation_flow_left_open_ends_as_abandoned_with_the_move()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();
        var step = await portal.Get<CancellationService>().BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TooExpensive, null);
        Assert.True(step.Succeeded);
        Assert.Equal(1, (await Moves.PreviewAsync(admin.Id, customer.OrganizationId, team)).Value.OpenCancellationFlows);

        Assert.True((await Moves.MoveAsync(admin.Id, customer.OrganizationId, team, "Team plan")).Succeeded);

        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(CancellationOutcome.Abandoned, (await db.CancellationFeedback.AsNoTracking().SingleAsync(f => f.OrganizationId == customer.OrganizationId)).Outcome);
    }

    [Fact]
    public async Task A_customer_is_refused_and_nothing_moves()
    {
        var (_, customer, team) = await PaidCustomerWithTeamAsync();

        var moved = await Moves.MoveAsync(customer.Id, customer.OrganizationId, team, "Mine now");
        var preview = await Moves.PreviewAsync(customer.Id, customer.OrganizationId, team);

        Assert.Equal(Error.Forbidden(), moved.Errors.Single());
        Assert.Equal(Error.Forbidden(), preview.Errors.Single());
        Assert.Equal("new_quarterly", (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(team)).PlanCode);
    }

    [Theory]
    [InlineData(null, "reason")]
    [InlineData("   ", "reason")]
    [InlineData("x501", "reason")]
    public async Task A_missing_or_too_long_reason_is_refused_on_its_field(string? reason, string field)
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();

        var moved = await Moves.MoveAsync(admin.Id, customer.OrganizationId, team, reason == "x501" ? new string('x', 501) : reason);

        Assert.Equal(field, moved.Errors.Single().Field);
        Assert.Equal("new_quarterly", (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task The_target_must_be_another_living_organization()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();
        await portal.Get<OrganizationService>().DeleteAsync(customer.Id, team);

        Assert.Equal(SubscriptionMoveErrors.TargetRequired, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, Guid.Empty, "Why")).Errors.Single());
        Assert.Equal(SubscriptionMoveErrors.SameOrganization, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, customer.OrganizationId, "Why")).Errors.Single());
        Assert.Equal(SubscriptionMoveErrors.TargetNotFound, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, team, "Why")).Errors.Single());
        Assert.Equal(SubscriptionMoveErrors.TargetNotFound, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, Guid.NewGuid(), "Why")).Errors.Single());
        Assert.Equal(SubscriptionMoveErrors.SourceNotFound, (await Moves.MoveAsync(admin.Id, Guid.NewGuid(), customer.OrganizationId, "Why")).Errors.Single());
        Assert.Equal("new_quarterly", (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task A_free_organization_has_nothing_to_move()
    {
        var admin = await portal.AdminAsync();
        var customer = await portal.CustomerAsync();
        var team = await TeamAsync(customer);

        Assert.Equal(SubscriptionMoveErrors.NothingToMove, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, team, "Why")).Errors.Single());
    }

    [Fact]
    public async Task A_target_with_a_plan_or_with_billing_history_of_its_own_is_refused()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();
        var other = await portal.CustomerAsync();
        await portal.BuyAsync(other);
        var lapsed = await portal.CustomerAsync();
        await portal.StartTrialAsync(lapsed);
        Assert.True((await portal.Get<Domain.Trials.TrialService>().CancelAsync(lapsed.Id, lapsed.OrganizationId)).Succeeded);

        Assert.Equal(SubscriptionMoveErrors.TargetHasPlan, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, other.OrganizationId, "Why")).Errors.Single());

        // The lapsed trial is Free again once it ends, but its history stays on the row.
        portal.Clock.Advance(TimeSpan.FromDays(8));
        await portal.Get<RenewalService>().RunAsync();
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(lapsed.OrganizationId)).PlanCode);
        Assert.Equal(SubscriptionMoveErrors.TargetHasHistory, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, lapsed.OrganizationId, "Why")).Errors.Single());
        Assert.Equal(customer.OrganizationId, (await portal.SubscriptionAsync(customer.OrganizationId)).OrganizationId);
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(team)).PlanCode);
    }

    [Fact]
    public async Task A_subscription_cancelling_at_period_end_or_with_a_pending_payment_is_refused()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();
        var upgrade = await portal.Get<PlanChangeService>().StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual");
        Assert.True(upgrade.Succeeded, string.Join("; ", upgrade.Errors.Select(e => e.Message)));

        Assert.Equal(SubscriptionMoveErrors.PaymentPending, (await Moves.MoveAsync(admin.Id, customer.OrganizationId, team, "Why")).Errors.Single());

        var cancelling = await portal.CustomerAsync();
        await portal.BuyAsync(cancelling);
        var flows = portal.Get<CancellationService>();
        var flow = await flows.BeginAsync(cancelling.Id, cancelling.OrganizationId, CancellationReason.SwitchingService, null);
        Assert.True((await flows.ConfirmAsync(cancelling.Id, flow.Value.FlowId)).Succeeded);
        Assert.Equal(SubscriptionMoveErrors.CancelsAtPeriodEnd, (await Moves.MoveAsync(admin.Id, cancelling.OrganizationId, team, "Why")).Errors.Single());
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(team)).PlanCode);
    }

    [Fact]
    public async Task A_move_that_raced_another_change_of_the_target_saves_nothing()
    {
        var (admin, customer, team) = await PaidCustomerWithTeamAsync();
        var other = await portal.CustomerAsync();
        await portal.BuyAsync(other);

        // Two admins move different subscriptions into the same organization at the same instant: one wins.
        var results = await Task.WhenAll(
            Moves.MoveAsync(admin.Id, customer.OrganizationId, team, "First"),
            Moves.MoveAsync(admin.Id, other.OrganizationId, team, "Second"));

        Assert.Single(results, r => r.Succeeded);
        var loser = results.Single(r => !r.Succeeded).Errors.Single();
        Assert.Contains(loser, new[] { SubscriptionMoveErrors.Changed, SubscriptionMoveErrors.TargetNotFound, SubscriptionMoveErrors.TargetHasPlan });
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var plans = await db.Subscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == customer.OrganizationId || s.OrganizationId == other.OrganizationId || s.OrganizationId == team)
            .Select(s => s.PlanCode)
            .ToListAsync();
        Assert.Equal(3, plans.Count);
        Assert.Equal(2, plans.Count(p => p == "new_quarterly"));
    }

    private async Task<(Domain.Identity.ApplicationUser Admin, Customer Customer, Guid Team)> PaidCustomerWithTeamAsync()
    {
        var admin = await portal.AdminAsync();
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer);
        return (admin, customer, await TeamAsync(customer));
    }

    private async Task<Guid> TeamAsync(Customer customer)
    {
        var created = await portal.Get<OrganizationService>().CreateAsync(customer.Id, "Nova Team");
        Assert.True(created.Succeeded);
        return created.Value;
    }

    private async Task<bool> ExistsAsync(Guid subscriptionId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId);
    }

    private async Task<string> ChangesAsync(Guid subscriptionId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var id = subscriptionId.ToString();
        return await db.AuditEntries.AsNoTracking().Where(a => a.TargetId == id && a.Action == "subscription.moved").Select(a => a.Changes).SingleAsync();
    }
}
