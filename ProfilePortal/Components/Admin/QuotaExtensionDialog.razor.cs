using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// The quota extension dialog for one customer. It closes with the <see cref="QuotaExtension"/> made, or cancelled.
/// The service checks the admin and the inputs; its errors show on their fields. Open it with <see cref="ShowAsync"/>.
/// </summary>
public sealed partial class QuotaExtensionDialog
{
    private readonly QuotaExtensionInput _input = new();
    private Dictionary<string, string> _fieldErrors = [];
    private string? _error;
    private bool _saving;

    public static DialogOptions Options { get; } = new() { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private QuotaExtensionService Extensions { get; set; } = default!;

    [Inject]
    private ILogger<QuotaExtensionDialog> Logger { get; set; } = default!;

    /// <summary>The signed-in admin who extends the quota.</summary>
    [Parameter, EditorRequired]
    public Guid AdminId { get; set; }

    /// <summary>The organization whose quota is extended.</summary>
    [Parameter, EditorRequired]
    public Guid OrganizationId { get; set; }

    /// <summary>Who the admin is extending for, as shown in the dialog, e.g. the customer's email or organization name.</summary>
    [Parameter, EditorRequired]
    public string CustomerLabel { get; set; } = string.Empty;

    /// <summary>Opens the dialog and returns the extension made, or null when the admin closed it without one.</summary>
    public static async Task<QuotaExtension?> ShowAsync(
        IDialogService dialogs, IStringLocalizer<SharedResource> l, Guid adminId, Guid organizationId, string customerLabel)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(l);
        var parameters = new DialogParameters<QuotaExtensionDialog>
        {
            { d => d.AdminId, adminId },
            { d => d.OrganizationId, organizationId },
            { d => d.CustomerLabel, customerLabel },
        };
        var dialog = await dialogs.ShowAsync<QuotaExtensionDialog>(l["AdminQuota.DialogTitle"], parameters, Options);
        return await dialog.Result is { Canceled: false, Data: QuotaExtension done } ? done : null;
    }

    private async Task ExtendAsync()
    {
        _error = null;
        _fieldErrors = [];
        _saving = true;
        try
        {
            var result = await Extensions.ExtendAsync(AdminId, OrganizationId, _input.Launches, _input.Reason, _input.ExpiresAt);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            }

            _error = AdminQuotaText.ShowErrors(L, result.Errors, _fieldErrors) ?? _error;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "quota extension");
            _error = L["AdminQuota.Failed"];
        }
        finally
        {
            _saving = false;
        }
    }
}
