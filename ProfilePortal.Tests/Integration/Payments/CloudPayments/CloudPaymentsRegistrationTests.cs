using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments.CloudPayments;

public sealed class CloudPaymentsRegistrationTests(CloudPaymentsEmulator emulator) : IClassFixture<CloudPaymentsEmulator>
{
    [Fact]
    public void The_defaults_point_at_the_production_api_and_widget()
    {
        var options = Options(new Dictionary<string, string?>
        {
            ["Payments:CloudPayments:PublicId"] = "pk_live",
            ["Payments:CloudPayments:ApiSecret"] = "secret",
        });

        Assert.Equal(new Uri("https://api.cloudpayments.ru/"), options.BaseUrl);
        Assert.Equal(new Uri("https://widget.cloudpayments.ru/bundles/cloudpayments.js"), options.WidgetScriptUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
    }

    [Theory]
    [InlineData("PublicId", "", "PublicId")]
    [InlineData("ApiSecret", "", "ApiSecret")]
    [InlineData("BaseUrl", "ftp://api.example/", "Payments:CloudPayments:BaseUrl must be an absolute http(s) URL.")]
    [InlineData("WidgetScriptUrl", "/bundles/cloudpayments.js", "Payments:CloudPayments:WidgetScriptUrl must be an absolute http(s) URL.")]
    [InlineData("RequestTimeout", "00:05:00", "Payments:CloudPayments:RequestTimeout must be between 00:00:00.1 and 00:02:00.")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Payments:CloudPayments:PublicId"] = "pk_live",
            ["Payments:CloudPayments:ApiSecret"] = "secret",
            [$"Payments:CloudPayments:{key}"] = value,
        };

        var failure = Assert.Throws<OptionsValidationException>(() => Options(settings));

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_health_check_is_healthy_when_the_provider_accepts_our_credentials()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries[CloudPaymentsServiceCollectionExtensions.HealthCheckName].Status);
    }

    [Fact]
    public async Task The_health_check_is_degraded_when_the_provider_rejects_our_credentials()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress, apiSecret: "wrong-secret");

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[CloudPaymentsServiceCollectionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("CloudPayments rejected the merchant credentials.", entry.Description);
    }

    private static CloudPaymentsOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddCloudPayments(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<CloudPaymentsOptions>>().Value;
    }
}
