using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Fraud;

/// <summary>The admins' review of fraud signals: dismiss, block, unblock; admins only, every act audited.</summary>
public sealed class FraudReviewServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private FraudReviewService Review => portal.Get<FraudReviewService>();

    [Fact]
    public async Task A_customer_may_not_list_dismiss_block_or_unblock_and_nothing_changes()
    {
        var signal = await RaiseCardSignalAsync();
        var admin = await portal.AdminAsync();
        var block = await BlockKeyAsync(admin, await RaiseCardSignalAsync());
        var customer = await portal.CustomerAsync();

        var forbidden = new Result[]
        {
            await Review.GetSignalsAsync(customer.Id, 0, 10),
            await Review.GetBlocksAsync(customer.Id, 0, 10),
            await Review.DismissAsync(customer.Id, signal.Id, "Looks fine"),
            await Review.BlockAsync(customer.Id, signal.Id, new FraudBlockRequest(true, [], null)),
            await Review.UnblockAsync(customer.Id, block.Id),
        };

        Assert.All(forbidden, r => Assert.Equal(Error.Forbidden().Code, r.Errors.Single().Code));
        Assert.Equal(FraudSignalStatus.Open, (await SignalAsync(signal.Id)).Status);
        Assert.Empty(await portal.AuditOfAsync("fraud_signal", signal.Id.ToString()));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.True(await db.FraudBlocks.AnyAsync(b => b.Id == block.Id));
    }

    [Fact]
    public async Task Dismissing_needs_a_note_records_who_and_when_is_audited_and_happens_once()
    {
        var signal = await RaiseCardSignalAsync();
        var admin = await portal.AdminAsync();

        var noNote = await Review.DismissAsync(admin.Id, signal.Id, "  ");
        var dismissed = await Review.DismissAsync(admin.Id, signal.Id, " Same family, one card ");
        var again = await Review.DismissAsync(admin.Id, signal.Id, "Again");

        Assert.Equal(FraudErrors.NoteRequired, noNote.Errors.Single());
        Assert.True(dismissed.Succeeded);
        Assert.Equal(FraudErrors.AlreadyReviewed.Code, again.Errors.Single().Code);
        var stored = await SignalAsync(signal.Id);
        Assert.Equal(
            (FraudSignalStatus.Dismissed, (Guid?)admin.Id, (DateTimeOffset?)portal.Clock.GetUtcNow(), "Same family, one card"),
            (stored.Status, stored.ReviewedByUserId, stored.ReviewedAt, stored.Note));
        Assert.Equal([("fraud_signal.dismissed", (Guid?)admin.Id)], await portal.AuditOfAsync("fraud_signal", signal.Id.ToString()));
    }

    [Fact]
    public async Task Blocking_adds_the_chosen_blocks_once_marks_the_signal_and_audits_each_block()
    {
        var signal = await RaiseCardSignalAsync();
        var admin = await portal.AdminAsync();
        var account = signal.Accounts.First();

        var blocked = await Review.BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(true, [account.UserId], "Card testing"));
        var again = await Review.BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(true, [account.UserId], null));

        Assert.Equal((2, 0), (blocked.Value, again.Value));
        var stored = await SignalAsync(signal.Id);
        Assert.Equal((FraudSignalStatus.Blocked, "Card testing"), (stored.Status, stored.Note));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var blocks = (await db.FraudBlocks.AsNoTracking().Where(b => b.SignalId == signal.Id).ToListAsync()).OrderBy(b => b.Kind).ToList();
        Assert.Equal(
            [(FraudBlockKind.Card, signal.Key, (Guid?)null), (FraudBlockKind.Account, FraudBlock.AccountValue(account.UserId), (Guid?)account.OrganizationId)],
            blocks.Select(b => (b.Kind, b.Value, b.OrganizationId)));
        Assert.Equal(account.Email, blocks[1].Label);
        Assert.All(blocks, b => Assert.Equal((admin.Id, "Card testing"), (b.CreatedByUserId, b.Reason)));
        foreach (var block in blocks)
        {
            Assert.Equal([("fraud_block.created", (Guid?)admin.Id)], await portal.AuditOfAsync("fraud_block", block.Id.ToString()));
        }

        Assert.Equal(
            [("fraud_signal.blocked", (Guid?)admin.Id), ("fraud_signal.blocked", (Guid?)admin.Id)],
            await portal.AuditOfAsync("fraud_signal", signal.Id.ToString()));
        Assert.Contains("fraud_block.created", await portal.AuditActionsAsync(account.OrganizationId));
    }

    [Fact]
    public async Task Blocking_needs_a_choice_among_the_signals_own_accounts()
    {
        var signal = await RaiseCardSignalAsync();
        var admin = await portal.AdminAsync();

        var nothing = await Review.BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(false, [], null));
        var stranger = await Review.BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(false, [admin.Id], null));
        var missing = await Review.BlockAsync(admin.Id, Guid.NewGuid(), new FraudBlockRequest(true, [], null));

        Assert.Equal(
            [FraudErrors.NothingChosen.Code, FraudErrors.UnknownAccount.Code, FraudErrors.SignalNotFound.Code],
            new[] { nothing, stranger, missing }.Select(r => r.Errors.Single().Code));
        Assert.Equal(FraudSignalStatus.Open, (await SignalAsync(signal.Id)).Status);
    }

    [Fact]
    public async Task Unblocking_is_audited_and_lets_the_next_trial_start()
    {
        var ip = FraudScenario.NewIp();
        for (var i = 0; i < 6; i++)
        {
            await StartAsync(ip);
        }

        var signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
        var admin = await portal.AdminAsync();
        var block = await BlockKeyAsync(admin, signal);
        var refused = await portal.CustomerAsync();
        Assert.Equal(
            Domain.Trials.TrialErrors.Blocked.Code,
            (await portal.Get<Domain.Trials.TrialService>().StartAsync(refused.Id, refused.OrganizationId, "new_monthly", portal.Card(FraudScenario.NewCardNumber()), ip)).Errors.Single().Code);

        var lifted = await Review.UnblockAsync(admin.Id, block.Id);
        var twice = await Review.UnblockAsync(admin.Id, block.Id);

        Assert.True(lifted.Succeeded);
        Assert.Equal(FraudErrors.BlockNotFound.Code, twice.Errors.Single().Code);
        Assert.Equal(
            [("fraud_block.created", (Guid?)admin.Id), ("fraud_block.removed", (Guid?)admin.Id)],
            await portal.AuditOfAsync("fraud_block", block.Id.ToString()));
        await portal.StartTrialAsync(refused, "new_monthly", FraudScenario.NewCardNumber(), ip);
    }

    [Fact]
    public async Task A_user_whose_admin_role_was_taken_away_is_refused_at_once()
    {
        var admin = await portal.AdminAsync();
        Assert.True((await Review.GetSignalsAsync(admin.Id, 0, 10)).Succeeded);
        await portal.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            return await users.RemoveFromRoleAsync((await users.FindByIdAsync(admin.Id.ToString()))!, Roles.Admin);
        });

        var listed = await Review.GetSignalsAsync(admin.Id, 0, 10);

        Assert.Equal(Error.Forbidden().Code, listed.Errors.Single().Code);
    }

    private async Task<Customer> StartAsync(string ip, string? card = null)
    {
        var customer = await portal.CustomerAsync();
        await portal.StartTrialAsync(customer, "new_monthly", card ?? FraudScenario.NewCardNumber(), ip);
        return customer;
    }

    private async Task<FraudSignal> RaiseCardSignalAsync()
    {
        var card = FraudScenario.NewCardNumber();
        await StartAsync(FraudScenario.NewIp(), card);
        await StartAsync(FraudScenario.NewIp(), card);
        return Assert.Single(await portal.SignalsAsync(FraudSignalKind.SharedCard, portal.Card(card).Fingerprint!));
    }

    private async Task<FraudBlock> BlockKeyAsync(ApplicationUser admin, FraudSignal signal)
    {
        Assert.Equal(1, (await Review.BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(true, [], null))).Value);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.FraudBlocks.AsNoTracking().SingleAsync(b => b.SignalId == signal.Id);
    }

    private async Task<FraudSignal> SignalAsync(Guid id)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.FraudSignals.AsNoTracking().SingleAsync(s => s.Id == id);
    }
}
