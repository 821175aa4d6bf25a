using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using PageData = ProfilePortal.Domain.Profile.ProfilePage;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// <c>/profile</c>: the signed-in user's profile, quota, activity and support, rendered by the server without a
/// circuit (issue 10, ADR-024). Loads everything with one call to <see cref="ProfileService.LoadPageAsync"/> per
/// request and shows a retry when the database fails; "Edit", "Buy" and "Show more" are interactive islands
/// (<see cref="ProfileEditor"/>, <see cref="BuyLaunches"/>, <see cref="ActivityMore"/>), and a save renders the
/// page again in place.
/// </summary>
public sealed partial class ProfilePage
{
    private PageState _state = PageState.Failed;
    private string _failureKey = "Profile.LoadFailed";
    private Guid _userId;
    private PageData? _page;
    private bool _paymentsOn;
    private bool _buyEnabled;

    private enum PageState
    {
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
    private IOptions<ProfileOptions> Options { get; set; } = default!;

    [Inject]
    private IOptions<QuotaOptions> QuotaOptions { get; set; } = default!;

    [Inject]
    private ILogger<ProfilePage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!await Features.IsEnabledAsync(FeatureNames.ProfilePage))
        {
            _state = PageState.Unavailable;
            return;
        }

        _paymentsOn = await Features.IsEnabledAsync(FeatureNames.PaymentsUi);
        _buyEnabled = await Features.IsEnabledAsync(FeatureNames.PaymentsCta);
        _userId = await SignedInUser.IdAsync(AuthenticationState);
        try
        {
            var result = await Profiles.LoadPageAsync(_userId);
            if (!result.Succeeded)
            {
                _failureKey = "Profile.NotFound";
                return;
            }

            _page = result.Value;
            _state = PageState.Ready;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PageLoadFailed(Logger, exception);
            _failureKey = "Profile.LoadFailed";
        }
    }
}
