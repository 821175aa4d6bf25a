using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class InvitationJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Ben = "ben@profileportal.local";
    private const string Password = "a-long-enough-secret";

    [Fact]
    public async Task An_owner_invites_a_second_user_who_signs_up_joins_and_sees_the_shared_quota()
    {
        // The owner opens the members page of the organization and invites a new address.
        var owner = await browser.NewPageAsync(app.BaseAddress);
        await owner.SignInAsync(Ben, DemoDataSeeder.CustomerPassword);
        await Expect(owner.CurrentUser()).ToContainTextAsync(Ben);
        var organizationId = await owner.OpenOwnMembersPageAsync();
        AssertNoSeriousViolations(await owner.RunAxe(), "the members page");

        var invitee = Builders.UniqueEmail("invitee");
        await owner.ByTestId("members-invite").ClickAsync();
        await Expect(owner.ByTestId("invite-dialog")).ToBeVisibleAsync();
        await owner.ByTestId("invite-email").FillAsync(invitee);
        AssertNoSeriousViolations(await owner.RunAxe(), "the invite dialog");
        await owner.ByTestId("invite-send").ClickAsync();
        await Expect(owner.ByTestId("invite-dialog")).ToHaveCountAsync(0);
        await Expect(owner.ByTestId("invitation-email").Filter(new() { HasTextString = invitee })).ToHaveCountAsync(1);

        // The invitee, in a browser of their own, opens the emailed link signed out and signs up from it.
        // The email's links use the configured public address; the path is what leads to this test's portal.
        var invitation = app.Url((await app.Mail.WaitForMessageAsync(invitee)).LinkTo("/invitations/").AbsolutePath.TrimStart('/'));
        var guest = await browser.NewPageAsync(app.BaseAddress);
        await guest.GotoAsync(invitation.ToString());
        await Expect(guest.ByTestId("invitation-email")).ToHaveTextAsync(invitee);
        AssertNoSeriousViolations(await guest.RunAxe(), "the invitation page signed out");
        await guest.ByTestId("invitation-sign-up").ClickAsync();
        await Expect(guest).ToHaveURLAsync(new Regex("Account/Register\\?ReturnUrl="));
        await guest.FillAsync("[name='Input.Email']", invitee);
        await guest.FillAsync("[name='Input.Password']", Password);
        await guest.FillAsync("[name='Input.ConfirmPassword']", Password);
        await guest.ClickAsync("[data-testid='register-submit']");
        await Expect(guest).ToHaveURLAsync(new Regex("Account/RegisterConfirmation"));

        // The confirmation link brings the way back along: confirm, sign in, and the invitation is there again.
        var confirmation = (await app.Mail.WaitForMessageAsync(invitee, count: 2)).LinkTo("Account/ConfirmEmail");
        await guest.GotoAsync(confirmation.ToString());
        await Expect(guest.ByTestId("confirm-email-return")).ToBeVisibleAsync();
        await Expect(guest.FormError()).ToHaveCountAsync(0);
        AssertNoSeriousViolations(await guest.RunAxe(), "the confirmation page with a way back");
        await guest.ByTestId("confirm-email-sign-in").ClickAsync();
        await Expect(guest).ToHaveURLAsync(new Regex("Account/Login\\?ReturnUrl="));
        await guest.FillAsync("[name='Input.Email']", invitee);
        await guest.FillAsync("[name='Input.Password']", Password);
        await guest.ClickAsync("[data-testid='login-submit']");
        await Expect(guest).ToHaveURLAsync(invitation.ToString());
        await Expect(guest.CurrentUser()).ToContainTextAsync(invitee);

        // Accepting joins the organization and makes it current: its quota is the one the profile shows.
        await Expect(guest.ByTestId("invitation-accept")).ToBeEnabledAsync();
        AssertNoSeriousViolations(await guest.RunAxe(), "the invitation page ready to accept");
        await guest.ByTestId("invitation-accept").ClickAsync();
        await Expect(guest).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/members$"));
        await Expect(guest.ByTestId("members-read-only")).ToBeVisibleAsync();
        await Expect(guest.ByTestId("members-table")).ToContainTextAsync(invitee);

        var shared = await QuotaAsync(owner);
        Assert.NotEqual("0", shared.Used);
        Assert.Equal(shared, await QuotaAsync(guest));
    }

    /// <summary>The numbers of the profile's quota card for the organization the user acts in.</summary>
    private static async Task<(string Used, string Available, string Limit)> QuotaAsync(IPage page)
    {
        await page.OpenProfileAsync();
        await Expect(page.ByTestId("quota-used")).ToBeVisibleAsync();
        return (
            (await page.ByTestId("quota-used").InnerTextAsync()).Trim(),
            (await page.ByTestId("quota-available").InnerTextAsync()).Trim(),
            (await page.ByTestId("quota-limit").InnerTextAsync()).Trim());
    }
}
