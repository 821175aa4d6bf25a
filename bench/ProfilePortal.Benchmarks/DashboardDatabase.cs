using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// A SQLite database of <see cref="Subscriptions"/> organizations (1,000,000 by default), each with an owner and a
/// subscription, and the last 366 days of the events the dashboard rollup counts (ADR-017), written with raw prepared
/// statements in the shapes EF Core writes (GUIDs as upper-case text, instants as
/// <c>DateTimeOffsetToBinaryConverter</c> values, enums as their names, decimals as invariant text). Built once, then
/// reused. The mix, by the organization's number modulo 1,000:
/// <list type="bullet">
/// <item>0–699 Free (40 of them cancelled a trial during the year);</item>
/// <item>700–739 paying after a trial converted during the year, 740–799 bought during the year, 800–939 paying since
/// before it, 940–945 past due, 946–950 paused, 951–960 trialing, 961–985 cancelled during the year (mostly through
/// the full cancellation flow), 986–992 expired after an unpaid grace period, 993–999 trials that expired unpaid.</item>
/// </list>
/// Legacy and new plans by the thousand's number; one paying subscription in ten has a discount (half of them
/// expired). Every paying subscription has a charge attempt every 30 days (6 % declined, most retried 3 days later),
/// each with its email; trials have three emails; some active subscriptions were saved by an offer, abandoned the
/// flow, or paused and resumed. Email bodies are a few bytes, not a real receipt's kilobytes: the rollup never reads
/// them.
/// </summary>
internal static class DashboardDatabase
{
    private const string Invariant = "0.0###########################";
    private static readonly string[] Legacy = ["monthly", "monthly", "monthly", "annual", "annual", "3year"];
    private static readonly string[] New = ["new_monthly", "new_monthly", "new_monthly", "new_monthly", "new_monthly", "new_monthly",
        "new_quarterly", "new_quarterly", "new_semiannual", "new_semiannual", "new_annual", "new_annual", "new_annual", "new_annual"];

    private static readonly decimal[] Discounts = [10m, 20m, 30m, 50m];

    private static readonly Dictionary<string, decimal> Prices = new(StringComparer.Ordinal)
    {
        ["monthly"] = 2990m,
        ["annual"] = 2490m,
        ["3year"] = 1990m,
        ["new_monthly"] = 3900m,
        ["new_quarterly"] = 3300m,
        ["new_semiannual"] = 2900m,
        ["new_annual"] = 2400m,
    };

    public static int Subscriptions => BenchDatabase.Setting("BENCH_DASHBOARD_SUBSCRIPTIONS", 1_000_000);

    public static string Path => System.IO.Path.Combine(BenchDatabase.DataDirectory, $"dashboard-{Subscriptions}.db");

    public static string ConnectionString => $"Data Source={Path}";

    public static DateOnly Today => DashboardDays.Of(BenchDatabase.Now);

    /// <summary>The admin who loads the dashboard: owner number 0, given the role for the run.</summary>
    public static Guid AdminId => BenchDatabase.UserId(0);

    private static DateTimeOffset WindowStart => DashboardDays.Start(Today.AddDays(-365));

    /// <summary>
    /// Builds the database unless it is there; then, when no figure is stored yet, runs the real rollup once (the
    /// first-run backfill) so the dashboard and the hourly run have a year of figures. Gives the admin role to
    /// <see cref="AdminId"/>.
    /// </summary>
    public static async Task PrepareAsync()
    {
        await BuildAsync();
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (BenchDatabase.Scalar(connection, "SELECT COUNT(*) FROM DailyMetrics") == 0)
        {
            var clock = Stopwatch.StartNew();
            await using var services = BenchServices.Create(ConnectionString);
            var result = await services.GetRequiredService<DashboardRollup>().RunAsync();
            Console.WriteLine($"  Backfill for the benchmarks: {result.Written:N0} figures in {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>Builds the tables of events unless they are there, and gives the admin role to <see cref="AdminId"/>.</summary>
    public static async Task BuildAsync()
    {
        Directory.CreateDirectory(BenchDatabase.DataDirectory);
        await using (var services = BenchServices.Create(ConnectionString))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Infrastructure.Identity.AdminBootstrapper>().EnsureAdminAsync();
        }

        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (BenchDatabase.Scalar(connection, "SELECT COUNT(*) FROM Subscriptions") < Subscriptions)
        {
            Fill(connection);
        }

        BenchDatabase.Execute(connection,
            $"INSERT OR IGNORE INTO AspNetUserRoles (UserId, RoleId) SELECT '{BenchDatabase.Text(AdminId)}', Id FROM AspNetRoles WHERE Name = '{Domain.Identity.Roles.Admin}'");
    }

    private static void Fill(SqliteConnection connection)
    {
        Console.WriteLine($"Building {Path}");
        var clock = Stopwatch.StartNew();
        BenchDatabase.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;");
        var events = new Events();
        using (var transaction = connection.BeginTransaction())
        {
            using var rows = new CustomerTables(connection, transaction);
            for (var i = 0; i < Subscriptions; i++)
            {
                rows.Insert(i, events);
            }

            transaction.Commit();
        }

        Console.WriteLine($"  {Subscriptions:N0} owners, organizations and subscriptions in {clock.Elapsed:mm\\:ss}");
        events.Sort();
        using (var transaction = connection.BeginTransaction())
        {
            using var rows = new EventTables(connection, transaction);
            foreach (var e in events.Audit)
            {
                rows.Audit(e);
            }

            Console.WriteLine($"  {events.Audit.Count:N0} audit entries in {clock.Elapsed:mm\\:ss}");
            foreach (var e in events.Email)
            {
                rows.Email(e);
            }

            Console.WriteLine($"  {events.Email.Count:N0} emails in {clock.Elapsed:mm\\:ss}");
            foreach (var e in events.Other)
            {
                rows.Other(e);
            }

            transaction.Commit();
            Console.WriteLine($"  {rows.Payments:N0} payments, {rows.Trials:N0} trials, {rows.Flows:N0} cancellation flows in {clock.Elapsed:mm\\:ss}");
        }

        BenchDatabase.Execute(connection, "ANALYZE;");
        Console.WriteLine($"  Built in {clock.Elapsed:mm\\:ss} ({new FileInfo(Path).Length / 1024.0 / 1024:N0} MB)");
    }

    internal static string Plan(int i) =>
        (i / 1000 % 20) < 6 ? Legacy[(i / 1000 % 20) % Legacy.Length] : New[((i / 1000 % 20) - 6) % New.Length];

    internal static string Decimal(decimal value) => value.ToString(Invariant, CultureInfo.InvariantCulture);

    private static long Instant(DateTimeOffset at) => (long)BenchDatabase.Instant.ConvertToProvider(at)!;

    private static string Lower(Guid id) => id.ToString();

    private static Guid SubscriptionId(int i) => BenchDatabase.Id(3, i);

    /// <summary>An instant on day <paramref name="day"/> of the window (0 = its first day), not after "now".</summary>
    private static DateTimeOffset At(int day, Random random)
    {
        var start = WindowStart.AddDays(day);
        var span = Math.Min(TimeSpan.FromDays(1).TotalSeconds, (BenchDatabase.Now - start).TotalSeconds - 60);
        return start.AddSeconds(random.Next(Math.Max(1, (int)span)));
    }

    private enum Kind : byte
    {
        ChargeSucceeded,
        ChargeDeclined,
        Paused,
        Resumed,
        Cancelled,
        PastDue,
        Expired,
        ReceiptEmail,
        DeclineEmail,
        TrialEmail,
        SubscriptionPayment,
        ConversionPayment,
        TrialConverted,
        TrialCancelled,
        TrialExpired,
        TrialRunning,
        FullCancelled,
        SimpleCancelled,
        Saved,
        Abandoned,
        Open,
    }

    /// <summary>One event: when, whose (the organization's number), what, and for a trial or a flow when it started.</summary>
    private readonly record struct Event(long At, int Subscription, Kind Kind, long StartedAt = 0);

    private sealed class Events
    {
        public List<Event> Audit { get; } = [];

        public List<Event> Email { get; } = [];

        public List<Event> Other { get; } = [];

        public void Add(DateTimeOffset at, int subscription, Kind kind, DateTimeOffset? started = null)
        {
            var e = new Event(at.UtcTicks, subscription, kind, started?.UtcTicks ?? 0);
            (kind switch
            {
                <= Kind.Expired => Audit,
                <= Kind.TrialEmail => Email,
                _ => Other,
            }).Add(e);
        }

        // Time order, as the portal writes them: the instant indexes grow at their end.
        public void Sort()
        {
            Audit.Sort((a, b) => a.At.CompareTo(b.At));
            Email.Sort((a, b) => a.At.CompareTo(b.At));
            Other.Sort((a, b) => a.At.CompareTo(b.At));
        }
    }

    /// <summary>
    /// Owners, organizations, memberships and subscriptions; queues each subscription's events of the year. The
    /// search keys are written too (the names are ASCII, so SQLite's upper() is the portal's normalization):
    /// without them the migrator would backfill a million rows through EF Core on the next start.
    /// </summary>
    private sealed class CustomerTables : IDisposable
    {
        private readonly SqliteCommand _user;
        private readonly SqliteCommand _organization;
        private readonly SqliteCommand _membership;
        private readonly SqliteCommand _subscription;
        private readonly Random _random = new(7);

        public CustomerTables(SqliteConnection connection, SqliteTransaction transaction)
        {
            _user = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO AspNetUsers (Id, FirstName, LastName, Company, NormalizedFirstName, NormalizedLastName, NormalizedCompany, Country, TimeZone, " +
                "PreferredLanguage, CreatedAt, TrialUsed, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, " +
                "PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, NotifyWhenQuotaLow) " +
                "VALUES ($id, $first, $last, 'Company', upper($first), upper($last), 'COMPANY', 'RU', 'Europe/Moscow', 'ru', $created, $trial, $email, $upper, $email, $upper, 1, $id, $id, 0, 0, 1, 0, 1)",
                "$id", "$first", "$last", "$created", "$trial", "$email", "$upper");
            _organization = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Organizations (Id, Name, NormalizedName, IsPersonal, CreatedAt) VALUES ($id, $name, upper($name), 1, $created)", "$id", "$name", "$created");
            _membership = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Memberships (OrganizationId, UserId, Role, JoinedAt) VALUES ($org, $user, 'Owner', $created)", "$org", "$user", "$created");
            _subscription = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Subscriptions (Id, OrganizationId, PlanCode, Status, CurrentPeriodStart, CurrentPeriodEnd, CancelAtPeriodEnd, CanceledAt, " +
                "DiscountPercent, DiscountExpiresAt, PausedAt, TrialStartedAt, TrialEndsAt, AnchorCycle, BillingCycle, FailedChargeAttempts, " +
                "TrialRemindersSent, CreatedAt, Version) " +
                "VALUES ($id, $org, $plan, $status, $start, $end, 0, $canceled, $discount, $discountEnds, $paused, $trialStart, $trialEnd, 1, $cycle, $failed, 0, $created, $id)",
                "$id", "$org", "$plan", "$status", "$start", "$end", "$canceled", "$discount", "$discountEnds", "$paused", "$trialStart", "$trialEnd",
                "$cycle", "$failed", "$created");
        }

        public void Insert(int i, Events events)
        {
            var random = _random;
            var bucket = i % 1000;
            var block = i / 1000;
            var plan = Plan(i);
            var status = "Active";
            var paid = bucket >= 700;
            var firstCharge = -(i % 30) - 30 * (1 + (block % 24)); // paying since before the window: charged on day i % 30 of each cycle
            var lastChargeDay = 365; // exclusive end of the charges, as a window day
            var declineLast = false;
            DateTimeOffset? canceled = null;
            DateTimeOffset? paused = null;
            DateTimeOffset? trialStart = null;
            DateTimeOffset? trialEnd = null;
            var created = WindowStart.AddDays(-(i % 700));

            switch (bucket)
            {
                case >= 600 and < 640:
                    {
                        // Tried a paid plan and cancelled the trial: back on Free.
                        var day = random.Next(352);
                        var start = At(day, random);
                        var end = start.AddDays(random.Next(1, 14));
                        events.Add(start, i, Kind.TrialEmail);
                        events.Add(start.AddDays(1), i, Kind.TrialEmail);
                        events.Add(end, i, Kind.TrialCancelled, start);
                        events.Add(end, i, Kind.TrialEmail);
                        trialStart = start;
                        trialEnd = start.AddDays(14);
                        break;
                    }

                case < 700:
                    break;
                case < 740:
                    {
                        var day = random.Next(345);
                        var start = At(day, random);
                        var converted = start.AddDays(14);
                        events.Add(start, i, Kind.TrialEmail);
                        events.Add(converted.AddDays(-3), i, Kind.TrialEmail);
                        events.Add(converted, i, Kind.TrialConverted, start);
                        events.Add(converted, i, Kind.ConversionPayment);
                        events.Add(converted, i, Kind.TrialEmail);
                        trialStart = start;
                        trialEnd = converted;
                        firstCharge = day + 14;
                        created = start;
                        break;
                    }

                case < 800:
                    {
                        var day = random.Next(365);
                        events.Add(At(day, random), i, Kind.SubscriptionPayment);
                        firstCharge = day;
                        created = WindowStart.AddDays(day);
                        break;
                    }

                case < 940:
                    // Some of the long-standing customers went through the cancellation flow or paused.
                    switch (block % 10)
                    {
                        case 0:
                            {
                                var started = At(random.Next(365), random);
                                events.Add(started.AddMinutes(3), i, Kind.Saved, started);
                                break;
                            }

                        case 1:
                            {
                                var day = random.Next(365);
                                var started = At(day, random);
                                events.Add(started.AddMinutes(day >= 363 ? 0 : 10), i, day >= 363 ? Kind.Open : Kind.Abandoned, started);
                                break;
                            }

                        case 2:
                            {
                                var day = random.Next(270);
                                var at = At(day, random);
                                events.Add(at, i, Kind.Paused);
                                events.Add(at.AddDays(30 * (1 + (i % 3))), i, Kind.Resumed);
                                break;
                            }
                    }

                    break;
                case < 946:
                    status = "PastDue";
                    declineLast = true;
                    break;
                case < 951:
                    {
                        status = "Paused";
                        var day = 276 + random.Next(89);
                        paused = At(day, random);
                        events.Add(paused.Value, i, Kind.Paused);
                        lastChargeDay = day;
                        break;
                    }

                case < 961:
                    {
                        status = "Trialing";
                        paid = false;
                        var start = At(352 + random.Next(14), random);
                        trialStart = start;
                        trialEnd = start.AddDays(14);
                        events.Add(start, i, Kind.TrialRunning, start);
                        events.Add(start, i, Kind.TrialEmail);
                        break;
                    }

                case < 986:
                    {
                        status = "Canceled";
                        var day = 40 + random.Next(325);
                        var at = At(day, random);
                        canceled = at;
                        var started = at.AddMinutes(-5);
                        events.Add(at, i, i % 5 == 0 ? Kind.SimpleCancelled : Kind.FullCancelled, started);
                        events.Add(at, i, Kind.Cancelled);
                        if (block % 8 == 0)
                        {
                            // Saved by an offer ten days before, then cancelled anyway: a save not kept.
                            var saved = at.AddDays(-10);
                            events.Add(saved.AddMinutes(3), i, Kind.Saved, saved);
                        }
                        else if (block % 8 == 1)
                        {
                            events.Add(at.AddDays(-30), i, Kind.Paused);
                        }

                        lastChargeDay = day;
                        break;
                    }

                case < 993:
                    {
                        status = "Expired";
                        var day = 20 + random.Next(345);
                        var declined = At(day - 14, random);
                        events.Add(declined, i, Kind.PastDue);
                        events.Add(declined.AddDays(14), i, Kind.Expired);
                        lastChargeDay = day - 14;
                        declineLast = true;
                        break;
                    }

                default:
                    {
                        // A trial whose conversion was never paid: the trial and the subscription expire together.
                        status = "Expired";
                        paid = false;
                        var start = At(random.Next(340), random);
                        var end = start.AddDays(14);
                        trialStart = start;
                        trialEnd = end;
                        events.Add(start, i, Kind.TrialEmail);
                        events.Add(end, i, Kind.TrialExpired, start);
                        events.Add(end, i, Kind.Expired);
                        events.Add(end, i, Kind.TrialEmail);
                        break;
                    }
            }

            var cycle = 1;
            if (paid)
            {
                // A charge attempt every 30 days since the first charge, in the window.
                for (var day = firstCharge + 30; day < lastChargeDay; day += 30)
                {
                    cycle++;
                    if (day < 0)
                    {
                        continue;
                    }

                    var at = At(day, random);
                    var last = day + 30 >= lastChargeDay;
                    if ((declineLast && last) || random.Next(100) < 6)
                    {
                        events.Add(at, i, Kind.ChargeDeclined);
                        events.Add(at, i, Kind.DeclineEmail);
                        if (!(declineLast && last) && random.Next(100) < 70 && day + 3 < 365)
                        {
                            var retry = At(day + 3, random);
                            events.Add(retry, i, Kind.ChargeSucceeded);
                            events.Add(retry, i, Kind.ReceiptEmail);
                        }
                    }
                    else
                    {
                        events.Add(at, i, Kind.ChargeSucceeded);
                        events.Add(at, i, Kind.ReceiptEmail);
                    }
                }
            }

            var userId = BenchDatabase.Text(BenchDatabase.UserId(i));
            var organizationId = BenchDatabase.Text(BenchDatabase.OrganizationId(i));
            var createdAt = Instant(created);
            var email = $"owner{i}@dashboard.example";
            BenchDatabase.Run(_user, userId, $"First{i}", $"Last{i}", createdAt, trialStart is null ? 0 : 1, email, email.ToUpperInvariant());
            BenchDatabase.Run(_organization, organizationId, $"Org {i}", createdAt);
            BenchDatabase.Run(_membership, organizationId, userId, createdAt);

            var periodStart = BenchDatabase.Now.AddDays(-(i % 30) - 1);
            var discounted = bucket >= 700 && block % 10 == 3;
            BenchDatabase.Run(_subscription,
                BenchDatabase.Text(SubscriptionId(i)),
                organizationId,
                bucket is >= 951 and < 961 || bucket >= 700 ? plan : "free",
                status,
                Instant(trialStart is { } ts && status is "Trialing" ? ts : periodStart),
                bucket < 700 ? DBNull.Value : Instant(trialEnd is { } te && status is "Trialing" ? te : periodStart.AddDays(30)),
                canceled is { } c ? Instant(c) : DBNull.Value,
                discounted ? Decimal(Discounts[i % 4]) : DBNull.Value,
                discounted ? Instant(BenchDatabase.Now.AddDays(i % 2 == 0 ? 60 : -30)) : DBNull.Value,
                paused is { } p ? Instant(p) : DBNull.Value,
                trialStart is { } s ? Instant(s) : DBNull.Value,
                trialEnd is { } e ? Instant(e) : DBNull.Value,
                cycle,
                status == "PastDue" ? 1 : 0,
                createdAt);
        }

        public void Dispose()
        {
            _user.Dispose();
            _organization.Dispose();
            _membership.Dispose();
            _subscription.Dispose();
        }
    }

    /// <summary>The events' rows, written in time order.</summary>
    private sealed class EventTables : IDisposable
    {
        private readonly SqliteCommand _audit;
        private readonly SqliteCommand _email;
        private readonly SqliteCommand _payment;
        private readonly SqliteCommand _trial;
        private readonly SqliteCommand _flow;
        private readonly Random _random = new(11);
        private int _audits;
        private int _emails;

        public EventTables(SqliteConnection connection, SqliteTransaction transaction)
        {
            _audit = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO AuditEntries (Id, Action, ActorUserId, Changes, OccurredAt, OrganizationId, TargetId, TargetType) " +
                "VALUES ($id, $action, NULL, $changes, $at, $org, $target, $type)",
                "$id", "$action", "$changes", "$at", "$org", "$target", "$type");
            _email = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO EmailMessages (Id, Attempts, CreatedAt, HtmlBody, Kind, Language, LastError, LockedUntil, NextAttemptAt, SentAt, Status, Subject, TextBody, ToAddress, UnsubscribeUrl) " +
                "VALUES ($id, $attempts, $at, $html, $kind, 'ru', $error, NULL, $at, $sent, $status, $subject, $text, $to, NULL)",
                "$id", "$attempts", "$at", "$html", "$kind", "$error", "$sent", "$status", "$subject", "$text", "$to");
            _payment = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Payments (Id, Amount, Attempts, BillingCycle, CardMask, CreatedAt, Currency, DeclineKind, Description, FailureCode, FailureReason, " +
                "IdempotencyKey, InitiatedByUserId, LastAttemptAt, OrganizationId, PackCode, PaymentMethodId, PlanCode, ProrationCredit, Provider, " +
                "ProviderTransactionId, Purpose, QuotedAt, RefundedAmount, Status, SubscriptionId, SucceededAt, Version) " +
                "VALUES ($id, $amount, 1, 1, '4242 **** **** 4242', $at, 'RUB', NULL, $description, NULL, NULL, $id, $user, $at, $org, NULL, NULL, $plan, '0.0', 'sandbox', " +
                "$transaction, $purpose, $at, '0.0', 'Succeeded', $subscription, $at, $id)",
                "$id", "$amount", "$at", "$description", "$user", "$org", "$plan", "$transaction", "$purpose", "$subscription");
            _trial = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Trials (Id, CardFingerprint, EndsAt, IpAddress, OrganizationId, Outcome, OutcomeAt, PlanCode, StartedAt, SubscriptionId, UserId, Version) " +
                "VALUES ($id, $fingerprint, $ends, $ip, $org, $outcome, $outcomeAt, $plan, $started, $subscription, $user, $id)",
                "$id", "$fingerprint", "$ends", "$ip", "$org", "$outcome", "$outcomeAt", "$plan", "$started", "$subscription", "$user");
            _flow = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO CancellationFeedback (Id, AcceptedPauseMonths, DecidedAt, Flow, OfferKind, OfferPauseMonths, OfferPercent, OfferPeriods, OfferPlanCode, " +
                "OrganizationId, OtherText, Outcome, PlanCode, CancellationReason, StartedAt, SubscriptionId, UserId, Version) " +
                "VALUES ($id, NULL, $decided, $flow, $offer, NULL, $percent, $periods, NULL, $org, NULL, $outcome, $plan, $reason, $started, $subscription, $user, $id)",
                "$id", "$decided", "$flow", "$offer", "$percent", "$periods", "$org", "$outcome", "$plan", "$reason", "$started", "$subscription", "$user");
        }

        public int Payments { get; private set; }

        public int Trials { get; private set; }

        public int Flows { get; private set; }

        public void Audit(Event e)
        {
            var (action, type, target) = e.Kind switch
            {
                Kind.ChargeSucceeded => ("payment.succeeded", "payment", Lower(BenchDatabase.Id(20, _audits))),
                Kind.ChargeDeclined => ("payment.declined", "payment", Lower(BenchDatabase.Id(20, _audits))),
                Kind.Paused => ("subscription.paused", "subscription", Lower(SubscriptionId(e.Subscription))),
                Kind.Resumed => ("subscription.resumed", "subscription", Lower(SubscriptionId(e.Subscription))),
                Kind.Cancelled => ("subscription.cancelled", "subscription", Lower(SubscriptionId(e.Subscription))),
                Kind.PastDue => ("subscription.past_due", "subscription", Lower(SubscriptionId(e.Subscription))),
                _ => ("subscription.expired", "subscription", Lower(SubscriptionId(e.Subscription))),
            };
            var changes = e.Kind switch
            {
                Kind.ChargeSucceeded => "[{\"Field\":\"Status\",\"From\":\"Pending\",\"To\":\"Succeeded\"}]",
                Kind.ChargeDeclined => "[{\"Field\":\"Status\",\"From\":\"Pending\",\"To\":\"Failed\"}]",
                _ => "{}",
            };
            BenchDatabase.Run(_audit, BenchDatabase.Text(BenchDatabase.Id(10, _audits++)), action, changes, Instant(Utc(e.At)),
                BenchDatabase.Text(BenchDatabase.OrganizationId(e.Subscription)), target, type);
        }

        public void Email(Event e)
        {
            var roll = _random.Next(1000);
            var status = roll < 965 ? "Sent" : roll < 980 ? "Failed" : "Suppressed";
            var kind = e.Kind switch
            {
                Kind.ReceiptEmail => "payment_receipt",
                Kind.DeclineEmail => "payment_failed",
                _ => "trial",
            };
            var at = Utc(e.At);
            BenchDatabase.Run(_email,
                BenchDatabase.Text(BenchDatabase.Id(11, _emails++)),
                status == "Failed" ? 5 : status == "Sent" ? 1 : 0,
                Instant(at),
                "<p>…</p>",
                kind,
                status == "Failed" ? "550 mailbox unavailable" : DBNull.Value,
                status == "Sent" ? Instant(at.AddSeconds(20)) : DBNull.Value,
                status,
                kind,
                "…",
                $"owner{e.Subscription}@dashboard.example");
        }

        public void Other(Event e)
        {
            var i = e.Subscription;
            var at = Utc(e.At);
            var organizationId = BenchDatabase.Text(BenchDatabase.OrganizationId(i));
            var userId = BenchDatabase.Text(BenchDatabase.UserId(i));
            var subscriptionId = BenchDatabase.Text(SubscriptionId(i));
            var plan = Plan(i);
            switch (e.Kind)
            {
                case Kind.SubscriptionPayment or Kind.ConversionPayment:
                    var id = BenchDatabase.Text(BenchDatabase.Id(12, Payments++));
                    BenchDatabase.Run(_payment, id, Decimal(Prices[plan]), Instant(at), $"Plan {plan}", userId, organizationId, plan,
                        $"sbx_{id}", e.Kind == Kind.SubscriptionPayment ? "Subscription" : "TrialConversion", subscriptionId);
                    break;
                case Kind.TrialConverted or Kind.TrialCancelled or Kind.TrialExpired or Kind.TrialRunning:
                    var started = Utc(e.StartedAt);
                    BenchDatabase.Run(_trial, BenchDatabase.Text(BenchDatabase.Id(13, Trials++)), $"fp{i}", Instant(started.AddDays(14)),
                        $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", organizationId,
                        e.Kind switch
                        {
                            Kind.TrialConverted => "Converted",
                            Kind.TrialCancelled => "Cancelled",
                            Kind.TrialExpired => "Expired",
                            _ => "Running",
                        },
                        e.Kind == Kind.TrialRunning ? DBNull.Value : Instant(at), plan, Instant(started), subscriptionId, userId);
                    break;
                default:
                    var outcome = e.Kind switch
                    {
                        Kind.FullCancelled or Kind.SimpleCancelled => "Cancelled",
                        Kind.Saved => "Saved",
                        Kind.Abandoned => "Abandoned",
                        _ => "Open",
                    };
                    var offered = e.Kind is Kind.Saved or Kind.FullCancelled or Kind.Abandoned;
                    BenchDatabase.Run(_flow, BenchDatabase.Text(BenchDatabase.Id(14, Flows++)),
                        e.Kind == Kind.Open ? DBNull.Value : Instant(at),
                        e.Kind == Kind.SimpleCancelled ? "Simple" : "Full",
                        offered ? "Discount" : DBNull.Value,
                        offered ? 30 : DBNull.Value,
                        offered ? 3 : DBNull.Value,
                        organizationId, outcome, plan,
                        ((Domain.Retention.CancellationReason)(i % 6)).ToString(),
                        Instant(Utc(e.StartedAt)), subscriptionId, userId);
                    break;
            }
        }

        private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

        public void Dispose()
        {
            _audit.Dispose();
            _email.Dispose();
            _payment.Dispose();
            _trial.Dispose();
            _flow.Dispose();
        }
    }
}
