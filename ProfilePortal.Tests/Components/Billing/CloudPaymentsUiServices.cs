using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

/// <summary>The components' services with <c>Billing:Gateway=CloudPayments</c>, talking to a loopback emulation of the provider.</summary>
public sealed class CloudPaymentsUiServices : ProfileUiServices
{
    public CloudPaymentsEmulator Provider { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => CloudPaymentsPortalServices.SettingsFor(Provider);

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
