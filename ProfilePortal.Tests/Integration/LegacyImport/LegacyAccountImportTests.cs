using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.LegacyImport;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.LegacyImport;

public sealed class LegacyAccountImportTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Good_lines_become_accounts_with_the_free_plan_and_their_launches_and_bad_lines_are_reported_by_line()
    {
        var existing = await portal.RegisteredUserAsync();
        var anna = Builders.UniqueEmail("anna");
        var ben = Builders.UniqueEmail("ben");
        var csv = $"""
            email,name,available_launches
            {anna},"Anna Ivanova",120
            {ben},Ben,0
            not-an-email,Nobody,5
            {anna.ToUpperInvariant()},Anna again,7
            {Builders.UniqueEmail()},Negative,-3
            {Builders.UniqueEmail()},Words,many
            {existing.Email},Already here,10
            "broken,line,5
            """;

        var report = await ImportAsync(csv);

        Assert.Null(report.FileProblem);
        Assert.Equal(
            [
                (2, LegacyImportOutcome.Imported), (3, LegacyImportOutcome.Imported), (4, LegacyImportOutcome.InvalidEmail),
                (5, LegacyImportOutcome.DuplicateInFile), (6, LegacyImportOutcome.InvalidLaunches), (7, LegacyImportOutcome.InvalidLaunches),
                (8, LegacyImportOutcome.ExistingUser), (9, LegacyImportOutcome.BadLine),
            ],
            report.Rows.Select(r => (r.Line, r.Outcome)));
        Assert.Equal("same email as line 2", report.Rows[3].Detail);
        Assert.Equal("available launches is negative", report.Rows[4].Detail);
        Assert.Equal((2, 6), (report.Imported, report.Skipped));

        var user = (await portal.FindUserAsync(anna))!;
        Assert.True(user.EmailConfirmed);
        Assert.Null(user.PasswordHash);
        Assert.Equal(("Anna", "Ivanova"), (user.FirstName, user.LastName));
        var organizationId = await portal.PersonalOrganizationAsync(user.Id);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(Plan.FreeCode, (await db.Subscriptions.SingleAsync(s => s.OrganizationId == organizationId)).PlanCode);
        var snapshot = (await portal.Get<QuotaService>().GetFreshSnapshotAsync(organizationId))!;
        Assert.Equal(120, snapshot.Granted);
        Assert.Equal(50 + 120, snapshot.Limit);
        var benOrganization = await portal.PersonalOrganizationAsync((await portal.FindUserAsync(ben))!.Id);
        Assert.Equal(0, (await portal.Get<QuotaService>().GetFreshSnapshotAsync(benOrganization))!.Granted);
        Assert.Equal(0, await db.QuotaGrants.CountAsync(g => db.Memberships.Any(m => m.UserId == existing.Id && m.OrganizationId == g.OrganizationId)));
    }

    [Fact]
    public async Task Running_the_same_file_twice_changes_nothing_and_reports_the_accounts_as_already_imported()
    {
        var email = Builders.UniqueEmail("twice");
        var csv = $"email,name,available_launches\n{email},Twice Imported,30\n";
        await ImportAsync(csv);
        var user = (await portal.FindUserAsync(email))!;
        var organizationId = await portal.PersonalOrganizationAsync(user.Id);

        var second = await ImportAsync(csv);

        var row = Assert.Single(second.Rows);
        Assert.Equal((2, LegacyImportOutcome.AlreadyImported, "imported by an earlier run"), (row.Line, row.Outcome, row.Detail));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.Memberships.CountAsync(m => m.UserId == user.Id));
        Assert.Equal(1, await db.QuotaGrants.CountAsync(g => g.OrganizationId == organizationId));
        Assert.Equal(30, (await portal.Get<QuotaService>().GetFreshSnapshotAsync(organizationId))!.Granted);
    }

    [Fact]
    public async Task An_account_cut_short_before_its_launches_is_finished_by_the_next_run()
    {
        var email = Builders.UniqueEmail("cut");
        await portal.InScopeAsync(async services =>
        {
            var user = ApplicationUser.Create(email, "en", portal.Clock.GetUtcNow());
            user.EmailConfirmed = true;
            return await services.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user);
        });

        var report = await ImportAsync($"email,name,available_launches\n{email},Cut Short,15\n");

        Assert.Equal(LegacyImportOutcome.Imported, Assert.Single(report.Rows).Outcome);
        var organizationId = await portal.PersonalOrganizationAsync((await portal.FindUserAsync(email))!.Id);
        Assert.Equal(15, (await portal.Get<QuotaService>().GetFreshSnapshotAsync(organizationId))!.Granted);
    }

    [Fact]
    public async Task A_file_without_the_expected_header_is_refused_whole()
    {
        var report = await ImportAsync($"mail,launches\n{Builders.UniqueEmail()},5\n");

        Assert.NotNull(report.FileProblem);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task The_command_prints_every_line_and_a_summary()
    {
        var report = new LegacyImportReport([
            new LegacyImportRow(2, "a@example.com", LegacyImportOutcome.Imported, 5),
            new LegacyImportRow(3, "a@example.com", LegacyImportOutcome.DuplicateInFile, Detail: "same email as line 2"),
        ]);
        var output = new StringWriter();

        await StartupCommands.WriteReportAsync(report, output);

        Assert.Equal(
            "line 2: imported a@example.com (5 launches)\nline 3: skipped, duplicate in file: a@example.com (same email as line 2)\nImported 1, skipped 1.\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    private Task<LegacyImportReport> ImportAsync(string csv) =>
        portal.InScopeAsync(services => services.GetRequiredService<LegacyAccountImport>().ImportAsync(new StringReader(csv)));
}
