using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// The dialog that moves an organization's subscription to another organization. The target is searched like the
/// organization list (a name or a member's email); choosing one asks the service what the move would do, or why it
/// cannot, so the admin sees the refusal before writing a reason. Closes with the <see cref="SubscriptionMoved"/>, or
/// cancelled. Open it with <see cref="ShowAsync"/>.
/// </summary>
public sealed partial class SubscriptionMoveDialog
{
    /// <summary>How many organizations the target list offers.</summary>
    public const int Suggestions = 10;

    private OrganizationRow? _target;
    private SubscriptionMovePreview? _preview;
    private string? _reason;
    private Dictionary<string, string> _fieldErrors = [];
    private string? _error;
    private bool _saving;

    public static DialogOptions Options { get; } = new() { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private SubscriptionMoveService Moves { get; set; } = default!;

    [Inject]
    private OrganizationDirectory Directory { get; set; } = default!;

    [Inject]
    private ILogger<SubscriptionMoveDialog> Logger { get; set; } = default!;

    /// <summary>The signed-in admin who moves the subscription.</summary>
    [Parameter, EditorRequired]
    public Guid AdminId { get; set; }

    /// <summary>The organization whose subscription moves.</summary>
    [Parameter, EditorRequired]
    public Guid SourceOrganizationId { get; set; }

    /// <summary>The source's name, as the page shows it.</summary>
    [Parameter, EditorRequired]
    public string SourceName { get; set; } = string.Empty;

    /// <summary>The admin's IANA time zone for the next charge; empty means UTC.</summary>
    [Parameter]
    public string? TimeZone { get; set; }

    /// <summary>Opens the dialog and returns the move made, or null when the admin closed it without one.</summary>
    public static async Task<SubscriptionMoved?> ShowAsync(
        IDialogService dialogs, IStringLocalizer<SharedResource> l, Guid adminId, Guid sourceOrganizationId, string sourceName, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(l);
        var parameters = new DialogParameters<SubscriptionMoveDialog>
        {
            { d => d.AdminId, adminId },
            { d => d.SourceOrganizationId, sourceOrganizationId },
            { d => d.SourceName, sourceName },
            { d => d.TimeZone, timeZone },
        };
        var dialog = await dialogs.ShowAsync<SubscriptionMoveDialog>(l["AdminMove.Title"], parameters, Options);
        return await dialog.Result is { Canceled: false, Data: SubscriptionMoved done } ? done : null;
    }

    private async Task<IEnumerable<OrganizationRow>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Directory.SearchAsync(AdminId, new OrganizationQuery(text, 0, Suggestions + 1), cancellationToken);
            return page.Succeeded
                ? page.Value.Items.Where(o => o.Id != SourceOrganizationId && o.DeletedAt is null).Take(Suggestions)
                : [];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "subscription move target search");
            return [];
        }
    }

    private async Task TargetChangedAsync(OrganizationRow? target)
    {
        _target = target;
        _preview = null;
        _error = null;
        _fieldErrors = [];
        if (target is null)
        {
            return;
        }

        try
        {
            var preview = await Moves.PreviewAsync(AdminId, SourceOrganizationId, target.Id);
            if (preview.Succeeded)
            {
                _preview = preview.Value;
                return;
            }

            _error = AdminQuotaText.ShowErrors(L, preview.Errors, _fieldErrors);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "subscription move preview");
            _error = L["AdminMove.Failed"];
        }
    }

    private async Task MoveAsync()
    {
        if (_target is null)
        {
            return;
        }

        _error = null;
        _fieldErrors = [];
        _saving = true;
        try
        {
            var result = await Moves.MoveAsync(AdminId, SourceOrganizationId, _target.Id, _reason);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            }

            _error = AdminQuotaText.ShowErrors(L, result.Errors, _fieldErrors);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "subscription move");
            _error = L["AdminMove.Failed"];
        }
        finally
        {
            _saving = false;
        }
    }

    // The name and the first member (an Owner), which tells apart organizations of the same name.
    private string Label(OrganizationRow? row) => row switch
    {
        null => string.Empty,
        { Members: [var first, ..] } => row.MemberCount > 1
            ? $"{row.Name} ({first.Email} {L["AdminOrganizations.MoreMembers", row.MemberCount - 1]})"
            : $"{row.Name} ({first.Email})",
        _ => row.Name,
    };

    private string? FieldError(string field) => _fieldErrors.GetValueOrDefault(field);
}
