using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using MudBlazor;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Components.Profile;

/// <summary>The plans and packs dialog; opened through <see cref="IDialogService"/>, closed with Escape or "Close".</summary>
public sealed partial class PlansDialog
{
    private Catalog? _catalog;
    private bool _failed;
    private bool _paymentsOn;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private CatalogService Catalogs { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private IOptions<ProfileOptions> Options { get; set; } = default!;

    [Inject]
    private ILogger<PlansDialog> Logger { get; set; } = default!;

    /// <summary>The options every opening of this dialog uses: Escape and the close button close it.</summary>
    public static DialogOptions DialogOptions { get; } = new()
    {
        CloseOnEscapeKey = true,
        CloseButton = true,
        MaxWidth = MaxWidth.Medium,
        FullWidth = true,
    };

    private string ContactEmail => Options.Value.PaymentsCtaEmail;

    private string ContactLink => $"mailto:{ContactEmail}?subject={Uri.EscapeDataString(L["Plans.ContactSubject"])}";

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _failed = false;
        _catalog = null;
        try
        {
            _paymentsOn = await Features.IsEnabledAsync(FeatureNames.PaymentsUi);
            _catalog = await Catalogs.GetAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.CatalogFailed(Logger, exception);
            _failed = true;
        }
    }

    private void Close() => Dialog.Close();
}
