using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.JSInterop;
using MudBlazor;
using ProfilePortal.Components.Layout;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using PageData = ProfilePortal.Domain.Profile.ProfilePage;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// <c>/profile</c>: the signed-in user's profile, quota, activity and support. Loads everything with one call
/// to <see cref="ProfileService.LoadPageAsync"/> once the circuit is up (the prerender shows skeletons), shows
/// a retry when the database fails, and keeps the page current after an edit.
/// </summary>
public sealed partial class ProfilePage
{
    private PageState _state = PageState.Loading;
    private string _failureKey = "Profile.LoadFailed";
    private Guid _userId;
    private PageData? _page;
    private List<ActivityItem> _activity = [];
    private bool _hasMoreActivity;
    private bool _loadingMore;
    private bool _activityFailed;
    private bool _editing;
    private bool _paymentsOn;
    private bool _buyEnabled;
    private QuotaCard? _quotaCard;

    private enum PageState
    {
        Loading,
        Unavailable,
        Failed,
        Ready,
    }

    // Only read while the page is Ready, when the data is there.
    private PageData Data => _page!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ProfileService Profiles { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IOptions<ProfileOptions> Options { get; set; } = default!;

    [Inject]
    private IOptions<QuotaOptions> QuotaOptions { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<ProfilePage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!await Features.IsEnabledAsync(FeatureNames.ProfilePage))
        {
            _state = PageState.Unavailable;
            return;
        }

        // The prerender shows the skeletons; the data (and the view it counts) is loaded once, by the circuit.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _paymentsOn = await Features.IsEnabledAsync(FeatureNames.PaymentsUi);
        _buyEnabled = await Features.IsEnabledAsync(FeatureNames.PaymentsCta);
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        _userId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _state = PageState.Loading;
        try
        {
            var result = await Profiles.LoadPageAsync(_userId);
            if (!result.Succeeded)
            {
                _failureKey = "Profile.NotFound";
                _state = PageState.Failed;
                return;
            }

            _page = result.Value;
            _activity = [.. _page.Activity];
            _hasMoreActivity = _page.HasMoreActivity;
            _activityFailed = false;
            _state = PageState.Ready;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PageLoadFailed(Logger, exception);
            _failureKey = "Profile.LoadFailed";
            _state = PageState.Failed;
        }
    }

    private async Task ShowMoreAsync()
    {
        if (_activity.Count == 0 || _loadingMore)
        {
            return;
        }

        _loadingMore = true;
        _activityFailed = false;
        try
        {
            var page = await Profiles.LoadActivityAsync(_userId, _activity[^1].OccurredAt, organizationId: Data.Profile.OrganizationId);
            if (!page.Succeeded)
            {
                // The user has left the organization the page shows since it loaded.
                _activityFailed = true;
                return;
            }

            _activity.AddRange(page.Value.Items);
            _hasMoreActivity = page.Value.HasMore;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ActivityLoadFailed(Logger, exception);
            _activityFailed = true;
        }
        finally
        {
            _loadingMore = false;
        }
    }

    private void StartEditing() => _editing = true;

    private async Task SavedAsync(ProfileView saved)
    {
        var previous = _page!.Profile;
        _page = _page with { Profile = saved };
        if (previous.PreferredLanguage != saved.PreferredLanguage && !LanguageSwitch.IsCurrent(saved.PreferredLanguage))
        {
            // The same switch as the app bar's: the culture cookie, then a reload in the new language.
            await LanguageSwitch.SwitchToAsync(JS, Navigation, saved.PreferredLanguage);
            return;
        }

        await RefreshActivityAsync();
    }

    private void Reloaded(ProfileView current) => _page = _page! with { Profile = current };

    // The edit is on the timeline now; the first page is fetched again (older pages the user opened are dropped).
    private async Task RefreshActivityAsync()
    {
        try
        {
            var page = await Profiles.LoadActivityAsync(_userId, DateTimeOffset.MaxValue, organizationId: Data.Profile.OrganizationId);
            if (page.Succeeded)
            {
                _activity = [.. page.Value.Items];
                _hasMoreActivity = page.Value.HasMore;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ActivityLoadFailed(Logger, exception);
        }
    }

    private async Task OpenPlansAsync()
    {
        var dialog = await Dialogs.ShowAsync<PlansDialog>(L["Plans.Title"], PlansDialog.DialogOptions);
        await dialog.Result;
        if (_quotaCard is not null)
        {
            await _quotaCard.FocusBuyAsync();
        }
    }
}
