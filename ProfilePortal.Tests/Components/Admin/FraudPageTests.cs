using Bunit;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class FraudPageTests(ProfileUiServices portal) : FraudPageTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task A_signal_shows_its_rule_address_accounts_count_times_in_the_admins_zone_and_status()
    {
        var ip = await RaiseIpSignalAsync();
        await SignedInAdminAsync("Asia/Tokyo");
        var stored = await StoredSignalAsync(ip);

        var page = RenderPage();

        var row = RowOf(page, ip);
        Assert.Equal("Many trials from one IP", row.QuerySelector("[data-testid=fraud-signal-rule]")!.TextContent.Trim());
        Assert.Equal("6", row.QuerySelector("[data-testid=fraud-signal-count]")!.TextContent.Trim());
        var accounts = row.QuerySelector("[data-testid=fraud-signal-accounts]")!.TextContent;
        Assert.All(stored.Accounts.OrderBy(a => a.StartedAt).Take(3), a => Assert.Contains(a.Email, accounts, StringComparison.Ordinal));
        Assert.Contains("and 3 more", accounts, StringComparison.Ordinal);
        Assert.Equal(
            Machine(stored.Accounts.Max(a => a.StartedAt), TimeSpan.FromHours(9)),
            row.QuerySelector("[data-testid=fraud-signal-last-seen] time")!.GetAttribute("datetime"));
        Assert.Equal("Open", row.QuerySelector("[data-testid=fraud-signal-status]")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector("[data-testid=fraud-dismiss]"));
    }

    [Fact]
    public async Task Dismissing_asks_for_a_note_then_closes_the_signal_with_it()
    {
        var ip = await RaiseIpSignalAsync();
        var admin = await SignedInAdminAsync();
        var page = RenderPage();

        // The click's handler waits for the dialog to close.
        var click = RowOf(page, ip).QuerySelector("[data-testid=fraud-dismiss]")!.ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=fraud-dismiss-dialog]")));
        await Dialogs.Find("[data-testid=fraud-dismiss-confirm]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Say why the signal is dismissed.", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.Find("[data-testid=fraud-dismiss-note]").InputAsync(new() { Value = "Coworking space" });
        await Dialogs.Find("[data-testid=fraud-dismiss-confirm]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Dismissed", RowOf(page, ip).QuerySelector("[data-testid=fraud-signal-status]")!.TextContent.Trim()));
        var row = RowOf(page, ip);
        Assert.Equal("Coworking space", row.QuerySelector("[data-testid=fraud-signal-note]")!.TextContent.Trim());
        Assert.Contains(admin.Email!, row.QuerySelector("[data-testid=fraud-signal-review]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("[data-testid=fraud-dismiss]"));
        Assert.Empty(Dialogs.FindAll("[data-testid=fraud-dismiss-dialog]"));
        var stored = await StoredSignalAsync(ip);
        Assert.Equal((FraudSignalStatus.Dismissed, "Coworking space", (Guid?)admin.Id), (stored.Status, stored.Note, stored.ReviewedByUserId));
    }

    [Fact]
    public async Task The_block_dialog_blocks_the_chosen_address_and_account_after_a_confirmation_and_they_can_be_unblocked()
    {
        var ip = await RaiseIpSignalAsync();
        await SignedInAdminAsync();
        var stored = await StoredSignalAsync(ip);
        var account = stored.Accounts.OrderBy(a => a.StartedAt).First();
        var page = RenderPage();

        var click = RowOf(page, ip).QuerySelector("[data-testid=fraud-block]")!.ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=fraud-block-dialog]")));
        Assert.True(Dialogs.Find("[data-testid=fraud-block-next]").HasAttribute("disabled"));
        Assert.Equal(6, Dialogs.FindAll("[data-testid=fraud-block-account]").Count);
        await CheckboxInput(Dialogs.Find("[data-testid=fraud-block-key]")).ChangeAsync(new() { Value = true });
        await CheckboxInput(Dialogs.Find($"[data-testid=fraud-block-account][data-user='{account.UserId}']")).ChangeAsync(new() { Value = true });
        await Dialogs.Find("[data-testid=fraud-block-next]").ClickAsync(new());

        Dialogs.WaitForAssertion(() => Assert.Contains("Block the 2 chosen?", Dialogs.Find("[data-testid=fraud-block-confirm-text]").TextContent, StringComparison.Ordinal));
        var chosen = Dialogs.Find("[data-testid=fraud-block-chosen]").TextContent;
        Assert.Contains($"IP {ip}", chosen, StringComparison.Ordinal);
        Assert.Contains(account.Email, chosen, StringComparison.Ordinal);
        await using (var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            Assert.False(await db.FraudBlocks.AnyAsync(b => b.SignalId == stored.Id));
        }

        await Dialogs.Find("[data-testid=fraud-block-confirm]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Blocked", RowOf(page, ip).QuerySelector("[data-testid=fraud-signal-status]")!.TextContent.Trim()));
        Assert.NotNull(RowOf(page, ip).QuerySelector("[data-testid=fraud-key-blocked]"));
        var blocks = page.FindAll("[data-testid=fraud-blocks] tbody tr")
            .Where(r => r.TextContent.Contains(ip, StringComparison.Ordinal) || r.TextContent.Contains(account.Email, StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, blocks.Count);

        var ipBlock = blocks.Single(r => r.TextContent.Contains(ip, StringComparison.Ordinal));
        Assert.Equal("IP address", ipBlock.QuerySelector("[data-testid=fraud-block-kind]")!.TextContent.Trim());
        var unblock = ipBlock.QuerySelector("[data-testid=fraud-unblock]")!.ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Lift the block?", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Unblock").ClickAsync(new());
        await unblock;

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=fraud-blocks] tbody tr"), r => r.TextContent.Contains(ip, StringComparison.Ordinal)));
        await using var after = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal([FraudBlockKind.Account], await after.FraudBlocks.Where(b => b.SignalId == stored.Id).Select(b => b.Kind).ToListAsync());
    }

    [Fact]
    public async Task A_signed_in_user_without_the_admin_role_is_told_access_is_denied()
    {
        await RaiseIpSignalAsync();
        await SignedInCustomerAsync();

        var page = Render<ProfilePortal.Components.Admin.FraudPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=fraud-signals]"));
    }
}
