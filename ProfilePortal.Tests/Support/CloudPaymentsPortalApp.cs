namespace ProfilePortal.Tests.Support;

/// <summary>The whole portal configured for CloudPayments, talking to a loopback emulation of its API.</summary>
public sealed class CloudPaymentsPortalApp : PortalApp
{
    public CloudPaymentsEmulator Provider { get; } = new();

    public override async Task InitializeAsync()
    {
        await Provider.InitializeAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Billing:Gateway", "CloudPayments"),
        new("Payments:CloudPayments:PublicId", CloudPaymentsEmulator.PublicId),
        new("Payments:CloudPayments:ApiSecret", CloudPaymentsEmulator.ApiSecret),
        new("Payments:CloudPayments:BaseUrl", Provider.BaseAddress.ToString()),
        new("Scheduler:Enabled", "false"),
        new("FeatureManagement:PaymentsUi", "true"),
    ];

    protected override Task StopDependenciesAsync() => Provider.DisposeAsync();
}
