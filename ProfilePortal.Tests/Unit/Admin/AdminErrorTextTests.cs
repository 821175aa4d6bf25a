using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Tests.Unit.Admin;

/// <summary>Every refusal of the admin's quota, refund and move actions reads in Russian, not in the domain's English.</summary>
public sealed class AdminErrorTextTests
{
    private static readonly IStringLocalizer<SharedResource> Text = new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    public static TheoryData<string, Error> Errors()
    {
        var errors = new TheoryData<string, Error>();
        foreach (var member in new[] { typeof(SubscriptionMoveErrors), typeof(AdminQuotaErrors), typeof(RefundErrors) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(member => member.FieldType == typeof(Error)))
        {
            errors.Add($"{member.DeclaringType!.Name}.{member.Name}", (Error)member.GetValue(null)!);
        }

        return errors;
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void The_error_has_a_russian_text(string name, Error error)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
        try
        {
            var text = AdminQuotaText.Error(Text, error);

            Assert.False(text == error.Message, $"{name} falls back to its English message");
            Assert.Matches("[а-яА-Я]", text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
