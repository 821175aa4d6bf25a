using Microsoft.Extensions.Logging.Abstractions;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Email;

namespace ProfilePortal.Tests.Integration.Email;

public sealed class EmailTemplateRenderingTests
{
    private const string Link = "https://portal.example/Account/ConfirmEmail?userId=42&code=a%2Bb";
    private const string ProfileLink = "https://portal.example/profile";
    private readonly RazorEmailRenderer _renderer = new(NullLoggerFactory.Instance);

    public static TheoryData<object, string, string> EveryTemplateInEveryLanguage => new()
    {
        { new ConfirmEmailModel("Анна", Link), "ru", "Подтвердите адрес электронной почты" },
        { new ConfirmEmailModel("Ben", Link), "en", "Confirm your email address" },
        { new PasswordResetModel("Анна", Link), "ru", "Восстановление пароля" },
        { new PasswordResetModel("Ben", Link), "en", "Reset your password" },
        { new PasswordResetCodeModel("Анна", "731-552"), "ru", "Код для смены пароля" },
        { new PasswordResetCodeModel("Ben", "731-552"), "en", "Your password reset code" },
        { new PasswordChangedModel("Анна"), "ru", "Пароль изменён" },
        { new PasswordChangedModel("Ben"), "en", "Your password was changed" },
        { Notice("Анна", QuotaLevel.Low), "ru", "Запуски заканчиваются" },
        { Notice("Ben", QuotaLevel.Low), "en", "Your launches are running low" },
        { Notice("Анна", QuotaLevel.Exhausted), "ru", "Запуски закончились" },
        { Notice("Ben", QuotaLevel.Exhausted), "en", "You have used all your launches" },
        { Receipt("Анна"), "ru", "Чек 2026-000042" },
        { Receipt("Ben"), "en", "Receipt 2026-000042" },
        { TrialStarted("Анна"), "ru", "Пробный период «Квартальный» начался" },
        { TrialStarted("Ben"), "en", "Your Квартальный trial has started" },
        { Reminder("Анна", TimeSpan.FromHours(24)), "ru", "Через 24 часа пробный период закончится" },
        { Reminder("Ben", TimeSpan.FromHours(24)), "en", "Your trial ends in 24 hours" },
        { Reminder("Анна", TimeSpan.FromHours(1)), "ru", "Через час пробный период закончится" },
        { Reminder("Ben", TimeSpan.FromHours(1)), "en", "Your trial ends in 1 hour" },
        { new TrialCancelledModel("Анна", "Квартальный", Noon, "https://portal.example/pricing"), "ru", "Пробный период отменён" },
        { new TrialCancelledModel("Ben", "Квартальный", Noon, "https://portal.example/pricing"), "en", "Your trial is cancelled" },
        { Failed("Анна", needsNewCard: false), "ru", "Не удалось списать оплату — обновите карту" },
        { Failed("Ben", needsNewCard: true), "en", "Your payment failed — please update your card" },
        { new SubscriptionExpiredModel("Анна", "Квартальный", "https://portal.example/pricing"), "ru", "Подписка приостановлена: оплата не прошла" },
        { new SubscriptionExpiredModel("Ben", "Квартальный", "https://portal.example/pricing"), "en", "Your subscription has ended: the payment did not go through" },
        { new SubscriptionCancelledModel("Анна", "Квартальный", Noon, "https://portal.example/billing"), "ru", "Подписка отменена" },
        { new SubscriptionCancelledModel("Ben", "Квартальный", Noon, "https://portal.example/billing"), "en", "Your subscription is cancelled" },
        { RolloutStopped("Анна"), "ru", "Раскатка пробного периода остановлена" },
        { RolloutStopped("Ben"), "en", "The trial rollout has been stopped" },
        { PauseStarted("Анна"), "ru", "Подписка приостановлена до 30 января 2027" },
        { PauseStarted("Ben"), "en", "Your subscription is paused until January 30, 2027" },
        { PauseReminder("Анна", "•••• 4242"), "ru", "30 января 2027 подписка возобновится" },
        { PauseReminder("Ben", ""), "en", "Your subscription resumes on January 30, 2027" },
        { WinBack("Анна", WinBackKind.Trial, 1), "ru", "Пробный период закончился — тарифы ждут вас" },
        { WinBack("Ben", WinBackKind.Trial, 1), "en", "Your trial has ended — the plans are still here" },
        { WinBack("Анна", WinBackKind.Paid, 1), "ru", "Нам вас не хватает" },
        { WinBack("Ben", WinBackKind.Paid, 1), "en", "We miss you at ProfilePortal" },
        { WinBack("Анна", WinBackKind.Paid, 2), "ru", "Возвращайтесь в ProfilePortal" },
        { WinBack("Ben", WinBackKind.Trial, 2), "en", "Come back to ProfilePortal" },
        { AlertRaised("Анна", AlertSeverity.Critical), "ru", "Критичное оповещение: доля ошибок списаний" },
        { AlertRaised("Ben", AlertSeverity.Critical), "en", "Critical alert: billing error rate" },
        { Invitation("Анна", OrganizationRole.Member), "ru", "Приглашение в организацию «Acme ML»" },
        { Invitation("Ben", OrganizationRole.Admin), "en", "You are invited to join Acme ML" },
    };

    private const string UnsubscribeLink = "https://portal.example/unsubscribe?token=CfDJ8a_b-c";

    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task A_trial_reminder_states_the_plan_the_amount_the_local_date_with_its_zone_and_the_cancel_link()
    {
        var ru = await RenderAsync(Reminder("Анна", TimeSpan.FromHours(24)), "ru");
        var en = await RenderAsync(Reminder("Ben", TimeSpan.FromHours(1)), "en");

        var amount = ProfilePortal.Domain.Common.Money.Rubles(9900m).Format(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"));
        Assert.Contains($"30 ноября 2026, 12:00 (Europe/Moscow) мы спишем {amount} с карты •••• 4242.", ru.TextBody, StringComparison.Ordinal);
        Assert.Contains("Квартальный", ru.TextBody, StringComparison.Ordinal);
        Assert.Contains("\nhttps://portal.example/billing/trial/cancel\n", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("On November 30, 2026 12:00 (Europe/Moscow) we will charge", en.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_payment_email_says_whether_it_is_retried_or_needs_a_new_card()
    {
        var retried = await RenderAsync(Failed("Ben", needsNewCard: false), "en");
        var hard = await RenderAsync(Failed("Ben", needsNewCard: true), "en");

        Assert.Contains("We will try again on November 30, 2026 12:00.", retried.TextBody, StringComparison.Ordinal);
        Assert.Contains("This card cannot be charged again", hard.TextBody, StringComparison.Ordinal);
        Assert.Contains("You keep your plan until December 5, 2026 12:00.", hard.TextBody, StringComparison.Ordinal);
        Assert.Contains("\nhttps://portal.example/billing\n", hard.TextBody, StringComparison.Ordinal);
    }

    private static PaymentReceiptModel Receipt(string name) => new(
        name, "2026-000042", "ProfilePortal: Квартальный, 3 mo", ProfilePortal.Domain.Common.Money.Rubles(9900m), Noon, "•••• 4242", Noon, Noon.AddMonths(3),
        "https://portal.example/billing/receipts/1");

    private static TrialStartedModel TrialStarted(string name) =>
        new(name, "Квартальный", ProfilePortal.Domain.Common.Money.Rubles(9900m), Noon, "•••• 4242", "https://portal.example/billing/trial/cancel");

    private static TrialReminderModel Reminder(string name, TimeSpan lead) => new(
        name, "Квартальный", ProfilePortal.Domain.Common.Money.Rubles(9900m), Noon, "Europe/Moscow", lead, "•••• 4242", "https://portal.example/billing/trial/cancel");

    private static PaymentFailedModel Failed(string name, bool needsNewCard) => new(
        name, "ProfilePortal: Квартальный, renewal", ProfilePortal.Domain.Common.Money.Rubles(9900m), "•••• 4242", needsNewCard ? "Expired card" : "Insufficient funds",
        needsNewCard, needsNewCard ? null : Noon, Noon.AddDays(5), "https://portal.example/billing");

    [Fact]
    public async Task The_rollout_stopped_alert_states_the_measured_rate_the_threshold_the_window_and_the_rollout_page()
    {
        var en = await RenderAsync(RolloutStopped("Ben"), "en");
        var ru = await RenderAsync(RolloutStopped("Анна"), "ru");

        Assert.Contains("moved the trial rollout from 50 % to 0 %", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Since November 30, 2026 12:00 (Europe/Moscow), 16.7 % of the charges that convert trials to a plan failed (2 of 12); the threshold is 10 %.", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("\nhttps://portal.example/admin/rollouts\n", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("С 30 ноября 2026, 12:00 (Europe/Moscow) не прошли 16,7 % списаний", ru.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryTemplateInEveryLanguage))]
    public async Task Every_template_renders_subject_html_and_text_in_the_language_asked_for(object model, string language, string subject)
    {
        var email = await RenderAsync(model, language);

        Assert.Equal(subject, email.Subject);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"" + language + "\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<title>{subject}</title>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(language == "ru" ? "Здравствуйте, Анна!" : "Hello, Ben!", email.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith(language == "ru" ? "Здравствуйте, Анна!\n\n" : "Hello, Ben!\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.Equal((model as IMarketingEmailModel)?.UnsubscribeUrl, email.UnsubscribeUrl);
    }

    [Theory]
    [InlineData("ru", "Отписаться от рассылки")]
    [InlineData("en", "Unsubscribe")]
    public async Task A_win_back_email_has_the_offer_button_and_the_unsubscribe_link_in_both_parts(string language, string unsubscribe)
    {
        var email = await RenderAsync(WinBack("Ben", WinBackKind.Paid, 1), language);

        Assert.Equal(UnsubscribeLink, email.UnsubscribeUrl);
        Assert.Contains("href=\"https://portal.example/pricing?from=winback&amp;step=1\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{UnsubscribeLink}\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($">{unsubscribe}</a>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("\nhttps://portal.example/pricing?from=winback&step=1\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{unsubscribe}: {UnsubscribeLink}", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task A_link_is_a_button_in_html_and_a_bare_line_in_text(string language)
    {
        var email = await RenderAsync(new ConfirmEmailModel("Ben", Link), language);

        Assert.Contains("href=\"https://portal.example/Account/ConfirmEmail?userId=42&amp;code=a%2Bb\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("\n" + Link + "\n", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_code_appears_in_both_parts()
    {
        var email = await RenderAsync(new PasswordResetCodeModel("Ben", "731-552"), "en");

        Assert.Contains(">731-552</p>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("\n731-552\n", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_a_user_typed_name_is_escaped_in_html_and_kept_as_plain_text()
    {
        const string name = "<script>alert('x')</script><b>Eve</b> & Co";

        var email = await RenderAsync(new PasswordChangedModel(name), "en");

        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Eve", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&amp; Co", email.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith($"Hello, {name}!\n", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quota_notice_says_what_is_left_when_it_renews_where_to_look_and_how_to_stop_it()
    {
        var email = await RenderAsync(Notice("Ben", QuotaLevel.Low), "en");

        Assert.Contains("Ben's lab has few launches left in this quota period.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Used: 46 of 50. Left: 4.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("The quota renews on 1 December 2026, 03:00 (Europe/Moscow).", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("\n" + ProfileLink + "\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("turn off that switch under Notifications", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ProfileLink}\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Null(email.UnsubscribeUrl);
    }

    [Fact]
    public async Task The_exhausted_notice_in_russian_says_runs_wait_for_the_renewal()
    {
        var email = await RenderAsync(Notice("Анна", QuotaLevel.Exhausted), "ru");

        Assert.Contains("израсходовала все запуски этого периода квоты", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Квота обновится 1 декабря 2026, 03:00 (Europe/Moscow).", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("«Изменить»", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_email_model_in_the_domain_has_exactly_one_template()
    {
        var models = typeof(IEmailModel).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IEmailModel)));

        Assert.All(models, model => Assert.True(RazorEmailRenderer.Templates.ContainsKey(model), $"{model.Name} has no template."));
    }

    // The renderer is generic over the model type, as the outbox calls it; the theory data is not.
    private Task<RenderedEmail> RenderAsync(object model, string language) => model switch
    {
        ConfirmEmailModel m => _renderer.RenderAsync(m, language),
        PasswordResetModel m => _renderer.RenderAsync(m, language),
        PasswordResetCodeModel m => _renderer.RenderAsync(m, language),
        PasswordChangedModel m => _renderer.RenderAsync(m, language),
        QuotaNoticeModel m => _renderer.RenderAsync(m, language),
        PaymentReceiptModel m => _renderer.RenderAsync(m, language),
        TrialStartedModel m => _renderer.RenderAsync(m, language),
        TrialReminderModel m => _renderer.RenderAsync(m, language),
        TrialCancelledModel m => _renderer.RenderAsync(m, language),
        PaymentFailedModel m => _renderer.RenderAsync(m, language),
        SubscriptionExpiredModel m => _renderer.RenderAsync(m, language),
        TrialRolloutStoppedModel m => _renderer.RenderAsync(m, language),
        SubscriptionCancelledModel m => _renderer.RenderAsync(m, language),
        PauseStartedModel m => _renderer.RenderAsync(m, language),
        PauseReminderModel m => _renderer.RenderAsync(m, language),
        WinBackModel m => _renderer.RenderAsync(m, language),
        AlertRaisedModel m => _renderer.RenderAsync(m, language),
        InvitationModel m => _renderer.RenderAsync(m, language),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model.GetType().Name, "Add the model here."),
    };

    [Fact]
    public async Task The_alert_email_says_the_value_against_the_threshold_the_window_and_that_it_is_sent_once()
    {
        var en = await RenderAsync(AlertRaised("Ben", AlertSeverity.Critical), "en");
        var ru = await RenderAsync(AlertRaised("Анна", AlertSeverity.Warning), "ru");

        Assert.Contains("The billing error rate is 7.5 %, above the threshold of 5 % (window: 1 h).", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("No further email is sent while the condition holds", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.example/admin", en.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Оповещение: доля ошибок списаний", ru.Subject);
        Assert.Contains("Показатель «доля ошибок списаний» — 7,5 %, выше порога 5 % (окно: 1 ч).", ru.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pause_emails_say_until_when_what_a_pause_means_and_what_is_charged_when_it_resumes()
    {
        var started = await RenderAsync(PauseStarted("Ben"), "en");
        var reminder = await RenderAsync(PauseReminder("Анна", "•••• 4242"), "ru");
        var noCard = await RenderAsync(PauseReminder("Ben", ""), "en");

        var amount = ProfilePortal.Domain.Common.Money.Rubles(9900m);
        Assert.Contains("paused until January 30, 2027 (Europe/Moscow)", started.TextBody, StringComparison.Ordinal);
        Assert.Contains("nothing is charged. The portal is read-only", started.TextBody, StringComparison.Ordinal);
        Assert.Contains($"On January 30, 2027 your subscription resumes by itself. The next charge, {amount.Format(System.Globalization.CultureInfo.GetCultureInfo("en-US"))}, is on February 19, 2027.", started.TextBody, StringComparison.Ordinal);
        Assert.Contains("\nhttps://portal.example/billing\n", started.TextBody, StringComparison.Ordinal);
        Assert.Contains($"19 февраля 2027 мы спишем {amount.Format(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"))} с карты •••• 4242.", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("There is no card on file", noCard.TextBody, StringComparison.Ordinal);
    }

    private static PauseStartedModel PauseStarted(string name) => new(
        name, "Квартальный", PauseEnd, ProfilePortal.Domain.Common.Money.Rubles(9900m), PauseEnd.AddDays(20), "Europe/Moscow", "https://portal.example/billing");

    private static PauseReminderModel PauseReminder(string name, string cardMask) => new(
        name, "Квартальный", PauseEnd, ProfilePortal.Domain.Common.Money.Rubles(9900m), PauseEnd.AddDays(20), "Europe/Moscow", cardMask, "https://portal.example/billing");

    private static readonly DateTimeOffset PauseEnd = new(2027, 1, 30, 12, 0, 0, TimeSpan.FromHours(3));

    private static WinBackModel WinBack(string name, WinBackKind kind, int step) =>
        new(name, kind, step, $"https://portal.example/pricing?from=winback&step={step}", UnsubscribeLink);

    private static InvitationModel Invitation(string name, OrganizationRole role) =>
        new(name, "Carol Inviter", "Acme ML", role, "https://portal.example/invitations/tok3n", Noon);

    [Theory]
    [InlineData("ru", "Carol Inviter приглашает вас в организацию «Acme ML» в ProfilePortal в роли администратора.", "Принять приглашение", "UTC")]
    [InlineData("en", "Carol Inviter invites you to join the organization Acme ML on ProfilePortal as an admin.", "Accept the invitation", "UTC")]
    public async Task The_invitation_email_names_the_inviter_the_organization_and_the_role_and_carries_the_link_and_its_expiry(
        string language, string body, string action, string zone)
    {
        var email = await RenderAsync(Invitation("Ben", OrganizationRole.Admin), language);

        Assert.Contains(body, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{action}:\nhttps://portal.example/invitations/tok3n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portal.example/invitations/tok3n\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(zone, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invitation_email_to_someone_without_an_account_greets_without_a_name()
    {
        var email = await RenderAsync(Invitation("Ben", OrganizationRole.Member) with { DisplayName = null }, "en");

        Assert.StartsWith("Hello!\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("as a member.", email.TextBody, StringComparison.Ordinal);
    }

    private static AlertRaisedModel AlertRaised(string name, AlertSeverity severity) => new(
        name, AlertRules.BillingErrorRate, severity, AlertUnit.Percent, AlertComparison.Above, 7.5, 5, TimeSpan.FromHours(1), Noon, "Europe/Moscow",
        "https://portal.example/admin");

    private static TrialRolloutStoppedModel RolloutStopped(string name) =>
        new(name, 50, Declined: 2, Attempts: 12, ThresholdPercent: 10, Noon, Noon.AddHours(3), "Europe/Moscow", "https://portal.example/admin/rollouts");

    private static QuotaNoticeModel Notice(string name, QuotaLevel level) => new(
        name, $"{name}'s lab", level, Used: 46, Limit: 50, Available: 4,
        new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.FromHours(3)), "Europe/Moscow", ProfileLink);
}
