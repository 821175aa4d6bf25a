using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FeatureManagement;
using MudBlazor.Services;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The one bUnit setup for the portal's components: real MudBlazor services without transitions, loose JS
/// interop (MudBlazor calls JS on first render), the portal's .resx localization, an interactive server
/// renderer, a fake clock and bUnit's authorization double. English unless a test picks another culture.
/// </summary>
public abstract class PortalComponentTestContext : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _originalCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;
    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"FeatureManagement:{FeatureNames.ProfilePage}"] = "true",
            [$"FeatureManagement:{FeatureNames.PaymentsUi}"] = "false",
            [$"FeatureManagement:{FeatureNames.PaymentsCta}"] = "true",
        })
        .Build();

    protected PortalComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLocalization();
        Services.AddOptions();
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgeryStateProvider());
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IConfiguration>(_configuration);
        Services.AddFeatureManagement();
        Services.AddScoped<ProfilePortal.Components.Trials.TrialStateNotifier>();
        Services.AddScoped<ProfilePortal.Components.Retention.PauseStateNotifier>();
        Services.AddScoped<ProfilePortal.Components.Shared.IslandProviderState>();
        Authorization = AddAuthorization();
        // Last: it builds the renderer, and with it the service provider.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        UseCulture("en");
    }

    /// <summary>The components' clock; starts at a fixed instant and moves only when a test advances it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Who the test's user is: anonymous until a test calls <c>SetAuthorized</c>.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>Renders the following markup in this language, as the request culture would.</summary>
    protected static void UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>Switches a feature flag for the components rendered from now on.</summary>
    protected void SetFeature(string name, bool enabled)
    {
        _configuration[$"FeatureManagement:{name}"] = enabled ? "true" : "false";
        _configuration.Reload();
    }

    /// <summary>Signs the test user in, optionally with site roles.</summary>
    protected void SignIn(string email, params string[] roles)
    {
        Authorization.SetAuthorized(email);
        if (roles.Length > 0)
        {
            Authorization.SetRoles(roles);
        }
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit 2 would otherwise call Dispose().
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _originalCulture;
        CultureInfo.CurrentUICulture = _originalUiCulture;
        await DisposeAsync();
    }

    private sealed class FixedAntiforgeryStateProvider : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-antiforgery-token", "__RequestVerificationToken");
    }
}
