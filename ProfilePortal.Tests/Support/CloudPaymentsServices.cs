using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ProfilePortal.Infrastructure.Payments.CloudPayments;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The CloudPayments registrations exactly as the app makes them
/// (<see cref="CloudPaymentsServiceCollectionExtensions.AddCloudPayments"/>), pointed at an emulator, with every
/// log record kept in a <see cref="FakeLogCollector"/>.
/// </summary>
public static class CloudPaymentsServices
{
    public static ServiceProvider Create(
        Uri baseUrl,
        string publicId = CloudPaymentsEmulator.PublicId,
        string apiSecret = CloudPaymentsEmulator.ApiSecret,
        TimeSpan? requestTimeout = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Payments:CloudPayments:PublicId"] = publicId,
                ["Payments:CloudPayments:ApiSecret"] = apiSecret,
                ["Payments:CloudPayments:BaseUrl"] = baseUrl.ToString(),
                ["Payments:CloudPayments:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(5)).ToString("c", CultureInfo.InvariantCulture),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddCloudPayments(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static CloudPaymentsClient Client(this IServiceProvider services) => services.GetRequiredService<CloudPaymentsClient>();

    public static CloudPaymentsGateway Gateway(this IServiceProvider services) => services.GetRequiredService<CloudPaymentsGateway>();

    /// <summary>Every message logged so far, formatted, so a test can check that no secret got into one.</summary>
    public static IReadOnlyList<string> LoggedMessages(this IServiceProvider services) =>
        [.. services.GetRequiredService<FakeLogCollector>().GetSnapshot().Select(record => record.Message)];
}
