using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>
/// The cancellation flow on a real database: the offer per reason and eligibility, accepting it, confirming,
/// taking a cancellation back, the simple flow, and every step out of order or tampered with changing nothing.
/// </summary>
public sealed class CancellationFlowTests(WinBackServices portal) : IClassFixture<WinBackServices>
{
    private CancellationService Flow => portal.Get<CancellationService>();

    [Fact]
    public async Task Too_expensive_shows_the_discount_and_accepting_it_discounts_the_next_renewals_without_cancelling()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var now = portal.Clock.GetUtcNow();

        var step = await BeginAsync(customer, CancellationReason.TooExpensive);
        var offer = Assert.IsType<SaveOffer.Discount>(step.Offer);
        Assert.Equal((20, 3), (offer.Percent, offer.Periods));
        var accepted = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.Discount, null);

        Assert.True(accepted.Succeeded);
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.False(subscription.CancelAtPeriodEnd);
        Assert.Equal((20m, (DateTimeOffset?)now.AddMonths(4)), (subscription.DiscountPercent, subscription.DiscountExpiresAt));
        Assert.Equal(now.AddMonths(4), accepted.Value.DiscountEndsAt);
        Assert.Equal(now, (await UserAsync(customer.Id)).LastDiscountUsedAt);
        var feedback = await FeedbackAsync(step.FlowId);
        Assert.Equal((CancellationOutcome.Saved, (SaveOfferKind?)SaveOfferKind.Discount, (CancellationReason?)CancellationReason.TooExpensive),
            (feedback.Outcome, feedback.OfferKind, feedback.Reason));
        Assert.Contains("subscription.discount_applied", await portal.AuditActionsAsync(customer.OrganizationId));

        portal.Clock.SetUtcNow(subscription.CurrentPeriodEnd!.Value.AddMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        var renewal = (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 3120m), (renewal.Status, renewal.Amount));
        var overview = await portal.Get<BillingService>().GetOverviewAsync(customer.Id, customer.OrganizationId);
        Assert.Equal(new DiscountSummary(20m, now.AddMonths(4)), overview.Value.Discount);
    }

    [Fact]
    public async Task A_discount_is_offered_once_in_12_months_after_that_too_expensive_offers_the_longer_cheaper_plan()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        var first = await BeginAsync(customer, CancellationReason.TooExpensive);
        Assert.True((await Flow.AcceptOfferAsync(customer.Id, first.FlowId, SaveOfferKind.Discount, null)).Succeeded);

        var second = await BeginAsync(customer, CancellationReason.SwitchingService);

        var offer = Assert.IsType<SaveOffer.LongerPlan>(second.Offer);
        Assert.Equal(("new_annual", 12, 2400m, 900m), (offer.PlanCode, offer.DurationMonths, offer.PricePerMonth.Amount, offer.SavingPerMonth.Amount));
        var accepted = await Flow.AcceptOfferAsync(customer.Id, second.FlowId, SaveOfferKind.LongerPlan, null);
        Assert.Equal("new_annual", accepted.Value.PlanCode);
        Assert.Equal(CancellationOutcome.Saved, (await FeedbackAsync(second.FlowId)).Outcome);
        Assert.False((await portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task Taking_a_break_offers_a_pause_and_accepting_it_pauses_for_the_months_chosen_then_no_second_pause_within_6_months()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var now = portal.Clock.GetUtcNow();
        var step = await BeginAsync(customer, CancellationReason.TakingABreak);

        var accepted = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.Pause, 2);

        Assert.Equal(now.AddMonths(2), accepted.Value.PauseEndsAt);
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Paused, false), (subscription.Status, subscription.CancelAtPeriodEnd));
        var feedback = await FeedbackAsync(step.FlowId);
        Assert.Equal((CancellationOutcome.Saved, (int?)2), (feedback.Outcome, feedback.AcceptedPauseMonths));
        Assert.Contains("pause-started", await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Equal(CancellationErrors.Paused.Code, (await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TakingABreak, null)).Errors.Single().Code);

        Assert.True((await portal.Get<PauseService>().ResumeEarlyAsync(customer.Id, customer.OrganizationId)).Succeeded);
        var again = await BeginAsync(customer, CancellationReason.TakingABreak);
        var notUsing = await BeginAsync(customer, CancellationReason.NotUsingEnough);

        Assert.Null(again.Offer);
        Assert.IsType<SaveOffer.Discount>(notUsing.Offer);
    }

    [Fact]
    public async Task Confirming_cancels_at_the_period_end_with_an_email_and_the_sweep_moves_to_free_without_charging()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var step = await BeginAsync(customer, CancellationReason.MissingFeatures);
        Assert.Null(step.Offer);

        var done = await Flow.ConfirmAsync(customer.Id, step.FlowId);

        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.True(done.Succeeded);
        Assert.Equal(subscription.CurrentPeriodEnd, done.Value.AccessEndsAt);
        Assert.Equal((true, "MissingFeatures"), (subscription.CancelAtPeriodEnd, subscription.CancellationReason));
        Assert.Equal(CancellationOutcome.Cancelled, (await FeedbackAsync(step.FlowId)).Outcome);
        Assert.Contains("subscription-cancelled", await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Contains("subscription.cancelled", await portal.AuditActionsAsync(customer.OrganizationId));

        portal.Clock.SetUtcNow(subscription.CurrentPeriodEnd!.Value.AddMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        Assert.True((await portal.SubscriptionAsync(customer.OrganizationId)).IsFree);
        Assert.DoesNotContain(await portal.PaymentsAsync(customer.OrganizationId), p => p.Purpose == PaymentPurpose.Renewal);

        // The paid cancellation gets the win-back emails, the first 7 days after access ended, once.
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var winBack = await db.WinBacks.AsNoTracking().SingleAsync(w => w.OrganizationId == customer.OrganizationId);
            Assert.Equal((WinBackKind.Paid, subscription.CurrentPeriodEnd!.Value), (winBack.Kind, winBack.AccessEndsAt));
        }

        portal.Clock.SetUtcNow(subscription.CurrentPeriodEnd!.Value.AddDays(7).AddMinutes(1));
        await portal.Get<WinBackService>().SendDueAsync();
        await portal.Get<WinBackService>().SendDueAsync();
        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "win-back");
    }

    [Fact]
    public async Task A_scheduled_cancellation_is_taken_back_before_the_period_end_and_the_plan_renews()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var step = await BeginAsync(customer, CancellationReason.Other, "We are moving the team to a new project.");
        Assert.Equal("We are moving the team to a new project.", (await FeedbackAsync(step.FlowId)).OtherText);
        await Flow.ConfirmAsync(customer.Id, step.FlowId);

        var resumed = await Flow.ResumeAsync(customer.Id, customer.OrganizationId);
        var again = await Flow.ResumeAsync(customer.Id, customer.OrganizationId);

        Assert.True(resumed.Succeeded);
        Assert.Equal(CancellationErrors.NotCancelled.Code, again.Errors.Single().Code);
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.False(subscription.CancelAtPeriodEnd);
        portal.Clock.SetUtcNow(subscription.CurrentPeriodEnd!.Value.AddMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        Assert.Contains(await portal.PaymentsAsync(customer.OrganizationId), p => p.Purpose == PaymentPurpose.Renewal && p.Status == PaymentStatus.Succeeded);
    }

    [Fact]
    public async Task Cancelling_twice_is_refused_and_changes_nothing()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var step = await BeginAsync(customer, CancellationReason.TechnicalProblems);
        await Flow.ConfirmAsync(customer.Id, step.FlowId);
        var before = await portal.SubscriptionAsync(customer.OrganizationId);

        var confirmedAgain = await Flow.ConfirmAsync(customer.Id, step.FlowId);
        var begunAgain = await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TooExpensive, null);

        Assert.Equal(CancellationErrors.FlowEnded.Code, confirmedAgain.Errors.Single().Code);
        Assert.Equal(CancellationErrors.AlreadyCancelled.Code, begunAgain.Errors.Single().Code);
        var after = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((before.CanceledAt, before.Version), (after.CanceledAt, after.Version));
        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "subscription-cancelled");
    }

    [Fact]
    public async Task An_offer_that_was_not_shown_a_pause_length_not_offered_or_a_tampered_flow_id_changes_nothing()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var stranger = await portal.CustomerAsync();
        await portal.BuyAsync(stranger, "new_monthly");
        var step = await BeginAsync(customer, CancellationReason.TakingABreak);
        Assert.Equal([1, 2, 3], Assert.IsType<SaveOffer.Pause>(step.Offer).Months);
        var before = await portal.SubscriptionAsync(customer.OrganizationId);

        var discount = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.Discount, null);
        var plan = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.LongerPlan, null);
        var sixMonths = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.Pause, 6);
        var noLength = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.Pause, null);
        var unknownKind = await Flow.AcceptOfferAsync(customer.Id, step.FlowId, (SaveOfferKind)42, null);
        var unknownFlow = await Flow.AcceptOfferAsync(customer.Id, Guid.NewGuid(), SaveOfferKind.Pause, 1);
        var othersFlow = await Flow.AcceptOfferAsync(stranger.Id, step.FlowId, SaveOfferKind.Pause, 1);
        var othersConfirm = await Flow.ConfirmAsync(stranger.Id, step.FlowId);

        Assert.All([discount, plan, sixMonths, noLength, unknownKind], r => Assert.Equal(CancellationErrors.OfferNotShown.Code, r.Errors.Single().Code));
        Assert.All([unknownFlow, othersFlow], r => Assert.Equal(CancellationErrors.FlowNotFound.Code, r.Errors.Single().Code));
        Assert.Equal(CancellationErrors.FlowNotFound.Code, othersConfirm.Errors.Single().Code);
        var after = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((before.Status, before.Version, before.CancelAtPeriodEnd), (after.Status, after.Version, after.CancelAtPeriodEnd));
        Assert.Equal(CancellationOutcome.Open, (await FeedbackAsync(step.FlowId)).Outcome);
        Assert.False((await portal.SubscriptionAsync(stranger.OrganizationId)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task Starting_again_abandons_the_earlier_flow_so_its_offer_can_no_longer_be_accepted()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var first = await BeginAsync(customer, CancellationReason.TooExpensive);
        var second = await BeginAsync(customer, CancellationReason.MissingFeatures);

        var stale = await Flow.AcceptOfferAsync(customer.Id, first.FlowId, SaveOfferKind.Discount, null);
        var staleConfirm = await Flow.ConfirmAsync(customer.Id, first.FlowId);

        Assert.Equal(CancellationErrors.FlowEnded.Code, stale.Errors.Single().Code);
        Assert.Equal(CancellationErrors.FlowEnded.Code, staleConfirm.Errors.Single().Code);
        Assert.Equal(CancellationOutcome.Abandoned, (await FeedbackAsync(first.FlowId)).Outcome);
        Assert.Null((await portal.SubscriptionAsync(customer.OrganizationId)).DiscountPercent);
        Assert.True((await Flow.ConfirmAsync(customer.Id, second.FlowId)).Succeeded);
    }

    [Theory]
    [InlineData(null, null, "cancellation.reason_required", "reason")]
    [InlineData(CancellationReason.Other, null, "cancellation.other_text_required", "otherText")]
    [InlineData(CancellationReason.Other, "   ", "cancellation.other_text_required", "otherText")]
    [InlineData((CancellationReason)99, null, "cancellation.reason_required", "reason")]
    public async Task The_reason_step_refuses_a_missing_reason_or_missing_words_and_records_nothing(
        CancellationReason? reason, string? text, string code, string field)
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");

        var result = await Flow.BeginAsync(customer.Id, customer.OrganizationId, reason, text);

        Assert.Equal((code, (string?)field), (result.Errors.Single().Code, result.Errors.Single().Field));
        Assert.Equal(0, await FeedbackCountAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Words_longer_than_500_characters_are_refused_and_500_are_kept()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");

        var tooLong = await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.Other, new string('a', 501));
        var fits = await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.Other, new string('б', 500));

        Assert.Equal(CancellationErrors.OtherTextTooLong.Code, tooLong.Errors.Single().Code);
        Assert.Equal(500, (await FeedbackAsync(fits.Value.FlowId)).OtherText!.Length);
    }

    [Fact]
    public async Task Members_who_do_not_manage_billing_trials_free_plans_and_paused_plans_are_refused_here()
    {
        var owner = await portal.CustomerAsync();
        await portal.BuyAsync(owner, "new_monthly");
        var member = await portal.CustomerAsync();
        await portal.JoinAsync(owner.OrganizationId, member.Id, OrganizationRole.Member);
        var trialing = await portal.CustomerAsync();
        await portal.StartTrialAsync(trialing);
        var free = await portal.CustomerAsync();

        var byMember = await Flow.BeginAsync(member.Id, owner.OrganizationId, CancellationReason.TooExpensive, null);
        var trial = await Flow.BeginAsync(trialing.Id, trialing.OrganizationId, CancellationReason.TooExpensive, null);
        var nothing = await Flow.BeginAsync(free.Id, free.OrganizationId, CancellationReason.TooExpensive, null);
        var context = await Flow.GetContextAsync(trialing.Id, trialing.OrganizationId);

        Assert.Equal(BillingErrors.ManagersOnly.Code, byMember.Errors.Single().Code);
        Assert.Equal(CancellationErrors.Trial.Code, trial.Errors.Single().Code);
        Assert.Equal(CancellationErrors.NothingToCancel.Code, nothing.Errors.Single().Code);
        Assert.Equal(CancellationErrors.Trial.Code, context.Value.Refusal!.Code);
        Assert.False((await portal.SubscriptionAsync(owner.OrganizationId)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task With_the_simple_flow_on_cancel_and_confirm_is_one_step_and_the_full_flow_is_refused_and_the_other_way_round()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var refusedSimple = await Flow.CancelSimplyAsync(customer.Id, customer.OrganizationId);
        var settings = portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.SimpleCancellation, enabled: true, rolloutPercentage: null, "admin@example.com");
        try
        {
            Assert.True((await Flow.GetContextAsync(customer.Id, customer.OrganizationId)).Value.SimpleFlow);
            var full = await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TooExpensive, null);
            var simple = await Flow.CancelSimplyAsync(customer.Id, customer.OrganizationId);

            Assert.Equal(CancellationErrors.FlowChanged.Code, refusedSimple.Errors.Single().Code);
            Assert.Equal(CancellationErrors.FlowChanged.Code, full.Errors.Single().Code);
            Assert.True(simple.Succeeded);
            Assert.True((await portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);
            await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
            var feedback = await db.CancellationFeedback.AsNoTracking().SingleAsync(f => f.OrganizationId == customer.OrganizationId);
            Assert.Equal((CancellationFlow.Simple, CancellationOutcome.Cancelled, (CancellationReason?)null), (feedback.Flow, feedback.Outcome, feedback.Reason));
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.SimpleCancellation);
        }
    }

    [Fact]
    public async Task The_flow_counts_started_completed_offers_shown_and_accepted_and_resumed_cancellations()
    {
        var meters = portal.Get<IMeterFactory>();
        using var started = new MetricCollector<long>(meters, BillingMetrics.MeterName, "cancellation_flow_started");
        using var completed = new MetricCollector<long>(meters, BillingMetrics.MeterName, "cancellation_flow_completed");
        using var shown = new MetricCollector<long>(meters, BillingMetrics.MeterName, "save_offer_shown");
        using var accepted = new MetricCollector<long>(meters, BillingMetrics.MeterName, "save_offer_accepted");
        using var resumed = new MetricCollector<long>(meters, BillingMetrics.MeterName, "cancellation_resumed");
        var saved = await portal.CustomerAsync();
        await portal.BuyAsync(saved, "new_monthly");
        var leaving = await portal.CustomerAsync();
        await portal.BuyAsync(leaving, "new_monthly");

        var offer = await BeginAsync(saved, CancellationReason.TooExpensive);
        await Flow.AcceptOfferAsync(saved.Id, offer.FlowId, SaveOfferKind.Discount, null);
        var noOffer = await BeginAsync(leaving, CancellationReason.MissingFeatures);
        await Flow.ConfirmAsync(leaving.Id, noOffer.FlowId);
        await Flow.ConfirmAsync(leaving.Id, noOffer.FlowId);
        await Flow.ResumeAsync(leaving.Id, leaving.OrganizationId);

        Assert.Equal(2, started.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(["full/saved", "full/cancelled"], completed.GetMeasurementSnapshot().Select(m => $"{m.Tags["flow"]}/{m.Tags["outcome"]}"));
        Assert.Equal(["discount"], shown.GetMeasurementSnapshot().Select(m => m.Tags["offer"]));
        Assert.Equal(["discount"], accepted.GetMeasurementSnapshot().Select(m => m.Tags["offer"]));
        Assert.Equal(1, resumed.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_discount_granted_before_the_simple_flow_was_switched_on_keeps_discounting_renewals()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var step = await BeginAsync(customer, CancellationReason.TooExpensive);
        await Flow.AcceptOfferAsync(customer.Id, step.FlowId, SaveOfferKind.Discount, null);
        var settings = portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.SimpleCancellation, enabled: true, rolloutPercentage: null, "admin@example.com");
        try
        {
            portal.Clock.SetUtcNow((await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value.AddMinutes(1));
            await portal.Get<RenewalService>().RunAsync();

            var renewal = (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal);
            Assert.Equal((PaymentStatus.Succeeded, 3120m), (renewal.Status, renewal.Amount));
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.SimpleCancellation);
        }
    }

    private async Task<CancellationStep> BeginAsync(Customer customer, CancellationReason reason, string? text = null)
    {
        var step = await Flow.BeginAsync(customer.Id, customer.OrganizationId, reason, text);
        Assert.True(step.Succeeded, string.Join("; ", step.Errors.Select(e => e.Message)));
        return step.Value;
    }

    private async Task<CancellationFeedback> FeedbackAsync(Guid flowId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.CancellationFeedback.AsNoTracking().SingleAsync(f => f.Id == flowId);
    }

    private async Task<int> FeedbackCountAsync(Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.CancellationFeedback.CountAsync(f => f.OrganizationId == organizationId);
    }

    private async Task<Domain.Identity.ApplicationUser> UserAsync(Guid userId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
    }
}
