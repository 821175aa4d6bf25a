using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Infrastructure.Configuration;

public static class PortalOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the profile, quota and portal link sections, with the source documents' environment names taking precedence
    /// (<c>PROFILE_DEFAULT_QUOTA</c>, <c>PROFILE_ACTIVITY_WINDOW_DAYS</c>, <c>PROFILE_PAYMENTS_CTA_EMAIL</c>,
    /// <c>TIMEZONE_WHITELIST</c>). A value that does not parse stops the start with the variable's name.
    /// </summary>
    public static IServiceCollection AddPortalOptions(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>()
            .BindConfiguration(QuotaOptions.SectionName)
            .PostConfigure<IConfiguration>((o, c) => o.DefaultMonthlyLaunches = Integer(c, "PROFILE_DEFAULT_QUOTA") ?? o.DefaultMonthlyLaunches)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<ProfileOptions>()
            .BindConfiguration(ProfileOptions.SectionName)
            .PostConfigure<IConfiguration>((o, c) =>
            {
                o.ActivityWindowDays = Integer(c, "PROFILE_ACTIVITY_WINDOW_DAYS") ?? o.ActivityWindowDays;
                o.PaymentsCtaEmail = c["PROFILE_PAYMENTS_CTA_EMAIL"] is { Length: > 0 } email ? email.Trim() : o.PaymentsCtaEmail;
                if (c["TIMEZONE_WHITELIST"] is { Length: > 0 } whitelist)
                {
                    o.TimeZoneWhitelist.Clear();
                    foreach (var zone in whitelist.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        o.TimeZoneWhitelist.Add(zone);
                    }
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => o.TimeZoneWhitelist.All(zone => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)), "TIMEZONE_WHITELIST names an unknown time zone.")
            .ValidateOnStart();

        services.AddOptions<PortalLinkOptions>()
            .BindConfiguration(PortalLinkOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    private static int? Integer(IConfiguration configuration, string name) =>
        configuration[name] is not { Length: > 0 } raw
            ? null
            : int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new OptionsValidationException(name, typeof(int), [$"{name} must be a whole number, not '{raw}'."]);
}
