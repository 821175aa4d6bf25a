using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using ProfilePortal.Components.Shared;

namespace ProfilePortal.Components.Layout;

/// <summary>
/// The interactive shell: app bar, responsive navigation drawer, theme and language, and an error boundary
/// around every page.
/// </summary>
/// <remarks>
/// Issue 10 (server memory per idle circuit): every component costs its state and two render trees in every open
/// tab, so the shell writes the markup of MudBlazor's purely presentational components (app bar, toolbar, icon
/// button, icons, spacer, main content, container) itself, with the same classes, and reads the signed-in user
/// once instead of through an AuthorizeView. The components with behaviour stay: theme, popover, dialog and
/// snackbar providers, MudLayout and the responsive MudDrawer, the error boundary.
/// On a static page (excluded from interactive routing) there is no circuit: the layout and the drawer are written
/// as MudBlazor's markup too and wwwroot/js/portal.js opens and closes the drawer; the providers are left to the
/// interactive islands (ADR-024, "The shell on static pages").
/// </remarks>
public sealed partial class MainLayout
{
    private PortalThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    private ThemePreference _preference;
    private bool _signedIn;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The visitor's stored choice, cascaded from <c>Routes</c>; absent means "follow the device".</summary>
    [CascadingParameter(Name = ThemeCookie.CascadingName)]
    private ThemePreference ThemeChoice { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool FollowsSystem => _preference == ThemePreference.System;

    /// <summary>A page excluded from interactive routing: no circuit will follow (<see cref="StaticPage"/>).</summary>
    private bool IsStaticPage => StaticPage.Is(AssignedRenderMode, RendererInfo);

    protected override void OnInitialized()
    {
        _preference = ThemeChoice;
        _isDarkMode = _preference == ThemePreference.Dark;
    }

    // A new page gets a fresh chance: an error on one page must not stick to the next one.
    protected override async Task OnParametersSetAsync()
    {
        _errorBoundary?.Recover();
        // What the AuthorizeView around the organization switcher did: nothing until the state is known.
        _signedIn = AuthenticationState is not null && (await AuthenticationState).User.Identity?.IsAuthenticated == true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The device setting is only known in the browser, so it is read once the circuit is up.
        if (firstRender && FollowsSystem && _themeProvider is not null)
        {
            _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void Recover() => _errorBoundary?.Recover();

    private async Task SetDarkModeAsync(bool isDarkMode)
    {
        _isDarkMode = isDarkMode;
        _preference = isDarkMode ? ThemePreference.Dark : ThemePreference.Light;
        await JS.InvokeVoidAsync("portal.setPreferenceCookie", ThemeCookie.Name, ThemeCookie.Format(isDarkMode));
    }
}
