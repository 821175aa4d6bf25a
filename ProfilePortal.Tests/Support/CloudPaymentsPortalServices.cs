using System.Globalization;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// <see cref="PortalServices"/> with <c>Billing:Gateway=CloudPayments</c>: the real client and gateway talking to
/// a loopback emulation of the provider (<see cref="Provider"/>), which keeps the fixture's fake clock.
/// </summary>
public class CloudPaymentsPortalServices : PortalServices
{
    public CloudPaymentsEmulator Provider { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => SettingsFor(Provider);

    /// <summary>The configuration that points the portal's CloudPayments gateway at <paramref name="provider"/>.</summary>
    public static IReadOnlyDictionary<string, string?> SettingsFor(CloudPaymentsEmulator provider) => new Dictionary<string, string?>
    {
        ["Billing:Gateway"] = "CloudPayments",
        ["Payments:CloudPayments:PublicId"] = CloudPaymentsEmulator.PublicId,
        ["Payments:CloudPayments:ApiSecret"] = CloudPaymentsEmulator.ApiSecret,
        ["Payments:CloudPayments:BaseUrl"] = provider.BaseAddress.ToString(),
        ["Payments:CloudPayments:RequestTimeout"] = TimeSpan.FromSeconds(5).ToString("c", CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        Provider.Clock = Clock;
        await Provider.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
