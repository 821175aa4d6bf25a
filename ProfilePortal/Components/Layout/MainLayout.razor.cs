using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace ProfilePortal.Components.Layout;

/// <summary>
/// The interactive shell: app bar, responsive navigation drawer, theme and language, and an error boundary
/// around every page.
/// </summary>
public sealed partial class MainLayout
{
    private PortalThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    private ThemePreference _preference;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The visitor's stored choice, cascaded from <c>Routes</c>; absent means "follow the device".</summary>
    [CascadingParameter(Name = ThemeCookie.CascadingName)]
    private ThemePreference ThemeChoice { get; set; }

    private bool FollowsSystem => _preference == ThemePreference.System;

    protected override void OnInitialized()
    {
        _preference = ThemeChoice;
        _isDarkMode = _preference == ThemePreference.Dark;
    }

    // A new page gets a fresh chance: an error on one page must not stick to the next one.
    protected override void OnParametersSet() => _errorBoundary?.Recover();

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
