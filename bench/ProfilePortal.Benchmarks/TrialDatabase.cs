using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Trials;
using static ProfilePortal.Benchmarks.HandWrittenSql;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The trial sweeps' data: organizations, each with an owner who started a trial of <c>new_monthly</c> with a
/// saved sandbox card (<see cref="CustomerRows"/>), the organization's subscription in that trial (<c>Trialing</c>,
/// cycle 0, no billing anchor, its period the trial's seven days) and the trial's ledger row (Running), as
/// <c>TrialService.StartAsync</c> leaves them; a template of <see cref="SweepDatabase"/>. Two templates:
/// <list type="bullet">
/// <item><see cref="TrialTemplate.Conversion"/>: every trial ended within the minute before the benchmark's "now",
/// both reminders sent: the renewal sweep converts them all.</item>
/// <item><see cref="TrialTemplate.Reminders"/>: every trial ends between 1 and 24 hours after "now", no reminder
/// sent yet: the reminder sweep sends each one the 24-hour reminder.</item>
/// </list>
/// </summary>
internal static class TrialDatabase
{
    public const string PlanCode = "new_monthly";

    /// <summary>The trials of each template (<c>BENCH_TRIALS</c>, default 100,000).</summary>
    public static int Trials => BenchDatabase.Setting("BENCH_TRIALS", 100_000);

    public static string TemplatePath(TrialTemplate template, int trials) =>
        Path.Combine(BenchDatabase.DataDirectory, $"trial-{template.ToString().ToLowerInvariant()}-{trials}.db");

    public static string RunCopyPath(TrialTemplate template, int trials) =>
        Path.Combine(BenchDatabase.DataDirectory, $"trial-{template.ToString().ToLowerInvariant()}-{trials}-run.db");

    /// <summary>Builds the template for <paramref name="trials"/> unless it is already there; returns its path.</summary>
    public static Task<string> PrepareTemplateAsync(TrialTemplate template, int trials) =>
        SweepDatabase.PrepareTemplateAsync(
            TemplatePath(template, trials), trials, "organizations with owners, cards, trialing subscriptions and trial ledger rows",
            (connection, transaction) => Fill(connection, transaction, template, trials));

    public static Guid UserId(int index) => BenchDatabase.Id(21, index);

    public static Guid OrganizationId(int index) => BenchDatabase.Id(22, index);

    public static Guid SubscriptionId(int index) => BenchDatabase.Id(23, index);

    public static Guid PaymentMethodId(int index) => BenchDatabase.Id(24, index);

    public static Guid TrialId(int index) => BenchDatabase.Id(25, index);

    /// <summary>
    /// When trial <paramref name="index"/> of <paramref name="trials"/> ends: spread evenly over the minute before
    /// "now" (conversion), or over the hours between 1 and 24 hours after it, both ends left out (reminders).
    /// </summary>
    public static DateTimeOffset TrialEnd(TrialTemplate template, int index, int trials) => template switch
    {
        TrialTemplate.Conversion => BenchDatabase.Now.AddMinutes(-1).AddTicks(TimeSpan.TicksPerMinute * index / trials),
        _ => BenchDatabase.Now.AddHours(1).AddTicks(TimeSpan.TicksPerHour * 23 * (index + 1) / (trials + 1)),
    };

    /// <summary>
    /// Checks that every trial was converted exactly once: one succeeded conversion payment each, keyed
    /// <c>{subscription}:1</c>; the subscription active on cycle 1, its first period and its billing anchor at the
    /// trial's end and a month long; the ledger row Converted now; two audit entries and one receipt per conversion.
    /// </summary>
    public static void VerifyConvertedOnce(string connectionString, int trials)
    {
        var now = ToStore(BenchDatabase.Now);
        SweepDatabase.Check(
            connectionString,
            "The sweep did not convert every trial exactly once.",
            ("payments", "SELECT COUNT(*) FROM Payments", trials),
            ("succeeded conversion payments for cycle 1, keyed {subscription}:1",
                "SELECT COUNT(*) FROM Payments p JOIN Subscriptions s ON s.Id = p.SubscriptionId " +
                "WHERE p.Purpose = 'TrialConversion' AND p.Status = 'Succeeded' AND p.BillingCycle = 1 AND p.Attempts = 1 " +
                "AND p.IdempotencyKey = lower(replace(s.Id, '-', '')) || ':1'", trials),
            ("subscriptions converted (active, cycle 1, anchored and started at the trial's end)",
                "SELECT COUNT(*) FROM Subscriptions WHERE Status = 'Active' AND PlanCode = 'new_monthly' AND BillingCycle = 1 AND AnchorCycle = 1 " +
                $"AND BillingAnchor = TrialEndsAt AND CurrentPeriodStart = TrialEndsAt AND CurrentPeriodEnd > {now} AND NextChargeAttemptAt IS NULL", trials),
            ("trial ledger rows converted now", $"SELECT COUNT(*) FROM Trials WHERE Outcome = 'Converted' AND OutcomeAt = {now}", trials),
            ("receipts queued", "SELECT COUNT(*) FROM EmailMessages WHERE Kind = 'payment-receipt'", trials),
            ("emails queued", "SELECT COUNT(*) FROM EmailMessages", trials),
            ("payment.succeeded audit entries", "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'payment.succeeded'", trials),
            ("subscription.trial_converted audit entries", "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'subscription.trial_converted'", trials),
            ("audit entries", "SELECT COUNT(*) FROM AuditEntries", 2L * trials));

        // The period's end: a month after the trial's end, which SQL cannot compute on the stored values.
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, CurrentPeriodStart, CurrentPeriodEnd FROM Subscriptions";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var start = FromStore(reader.GetInt64(1));
            if (FromStore(reader.GetInt64(2)) != start.AddMonths(1))
            {
                throw new InvalidOperationException($"Subscription {reader.GetString(0)} was converted to a period that does not end a month after {start:O}.");
            }
        }
    }

    /// <summary>
    /// Checks that every trial got its 24-hour reminder once, and nothing else: one trial-reminder email per owner,
    /// every subscription still trialing with one reminder recorded, no other email and no audit entry.
    /// </summary>
    public static void VerifyRemindedOnce(string connectionString, int trials) =>
        SweepDatabase.Check(
            connectionString,
            "The sweep did not send every trial its 24-hour reminder exactly once.",
            ("trial reminders queued", "SELECT COUNT(*) FROM EmailMessages WHERE Kind = 'trial-reminder' AND Status = 'Pending'", trials),
            ("owners reminded", "SELECT COUNT(DISTINCT ToAddress) FROM EmailMessages WHERE Kind = 'trial-reminder'", trials),
            ("emails queued", "SELECT COUNT(*) FROM EmailMessages", trials),
            ("subscriptions trialing with one reminder sent", "SELECT COUNT(*) FROM Subscriptions WHERE Status = 'Trialing' AND TrialRemindersSent = 1", trials),
            ("trial ledger rows running", "SELECT COUNT(*) FROM Trials WHERE Outcome = 'Running'", trials),
            ("audit entries", "SELECT COUNT(*) FROM AuditEntries", 0));

    private static void Fill(SqliteConnection connection, SqliteTransaction transaction, TrialTemplate template, int trials)
    {
        using var customers = new CustomerRows(connection, transaction, "trial.example");
        using var subscription = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Subscriptions (Id, OrganizationId, PlanCode, Status, CurrentPeriodStart, CurrentPeriodEnd, TrialStartedAt, TrialEndsAt, " +
            "CancelAtPeriodEnd, CreatedAt, Version, AnchorCycle, BillingAnchor, BillingCycle, FailedChargeAttempts, TrialRemindersSent) " +
            "VALUES ($id, $org, $plan, 'Trialing', $start, $end, $start, $end, 0, $created, $version, 0, NULL, 0, 0, $reminders)",
            "$id", "$org", "$plan", "$start", "$end", "$created", "$version", "$reminders");
        using var trial = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Trials (Id, UserId, OrganizationId, SubscriptionId, PlanCode, StartedAt, EndsAt, IpAddress, CardFingerprint, Outcome, OutcomeAt, Version) " +
            "VALUES ($id, $user, $org, $subscription, $plan, $start, $end, $ip, $fingerprint, 'Running', NULL, $version)",
            "$id", "$user", "$org", "$subscription", "$plan", "$start", "$end", "$ip", "$fingerprint", "$version");

        var plan = PlanCatalog.Plans.Single(p => p.Code == PlanCode);
        var length = new TrialOptions().Length;
        // Before the conversion both reminders (24 h and 1 h) have gone out; a day ahead of it, none has.
        var reminders = template == TrialTemplate.Conversion ? TrialOptions.DefaultReminderLeadTimes.Count : 0;
        for (var i = 0; i < trials; i++)
        {
            var end = TrialEnd(template, i, trials);
            var start = end - length;
            var startValue = ToStore(start);
            var endValue = ToStore(end);
            var created = ToStore(start.AddDays(-(i % 300)));
            var userId = BenchDatabase.Text(UserId(i));
            var organizationId = BenchDatabase.Text(OrganizationId(i));
            var subscriptionId = BenchDatabase.Text(SubscriptionId(i));
            // The owner added the card when starting the trial.
            var card = customers.Insert(i, userId, organizationId, BenchDatabase.Text(PaymentMethodId(i)), created, trialUsedAt: startValue, startValue);
            BenchDatabase.Run(subscription, subscriptionId, organizationId, plan.Code, startValue, endValue, created, NewVersion(), reminders);
            BenchDatabase.Run(trial, BenchDatabase.Text(TrialId(i)), userId, organizationId, subscriptionId, plan.Code, startValue, endValue,
                $"198.51.100.{(i % 250) + 1}", (object?)card.Fingerprint ?? DBNull.Value, NewVersion());
        }
    }
}

/// <summary>Which trial template: trials at their end (conversion) or a day before it (reminders).</summary>
internal enum TrialTemplate
{
    Conversion,
    Reminders,
}
