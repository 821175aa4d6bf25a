using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/emails</c>: the email outbox, filtered by status and recipient, sorted and paged on the server. A row
/// with an error expands to show it; a failed or sent message can be resent after a confirmation.
/// </summary>
public sealed partial class EmailsPage
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];
    private static readonly EmailStatus?[] StatusFilters = [null, EmailStatus.Pending, EmailStatus.Sent, EmailStatus.Failed, EmailStatus.Suppressed];

    private MudDataGrid<EmailOutboxRow>? _grid;
    private EmailStatus? _status;
    private string? _recipient;
    private bool _busy;

    [Inject]
    private EmailOutboxAdmin Outbox { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<GridData<EmailOutboxRow>> LoadAsync(GridState<EmailOutboxRow> state, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Outbox.ListAsync(AdminId, new EmailOutboxFilter(_status, _recipient), state.Page, state.PageSize, Sort(state), cancellationToken);
            Failed = false;
            if (!result.Succeeded)
            {
                Forbidden = true;
                StateHasChanged();
                return new GridData<EmailOutboxRow> { Items = [], TotalItems = 0 };
            }

            return new GridData<EmailOutboxRow> { Items = result.Value.Items, TotalItems = result.Value.Total };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminOpsLog.LoadFailed(Logger, exception, "email outbox");
            Failed = true;
            return new GridData<EmailOutboxRow> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>The grid's sort, by the column's property name; newest first when none is chosen.</summary>
    private static EmailOutboxSort Sort(GridState<EmailOutboxRow> state) =>
        state.SortDefinitions.FirstOrDefault() is not { } sort
            ? new EmailOutboxSort()
            : new EmailOutboxSort(
                sort.SortBy switch
                {
                    nameof(EmailOutboxRow.To) => EmailOutboxSortField.To,
                    nameof(EmailOutboxRow.Status) => EmailOutboxSortField.Status,
                    nameof(EmailOutboxRow.Attempts) => EmailOutboxSortField.Attempts,
                    nameof(EmailOutboxRow.NextAttemptAt) => EmailOutboxSortField.NextAttempt,
                    nameof(EmailOutboxRow.SentAt) => EmailOutboxSortField.SentAt,
                    _ => EmailOutboxSortField.Created,
                },
                sort.Descending);

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task FilterAsync(EmailStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task SearchAsync(string? recipient)
    {
        _recipient = recipient;
        return ReloadAsync();
    }

    private async Task ResendAsync(EmailOutboxRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["AdminEmails.ResendTitle"],
            L[row.Status == EmailStatus.Sent ? "AdminEmails.ResendSentText" : "AdminEmails.ResendFailedText", row.Subject, row.To],
            yesText: L["AdminEmails.Resend"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Outbox.ResendAsync(AdminId, row.Id);
            if (result.Succeeded)
            {
                Snackbar.Add(L["AdminEmails.Resent"], Severity.Success);
            }
            else
            {
                Snackbar.Add(ErrorText(result.Errors[0]), Severity.Error);
            }

            await ReloadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminOpsLog.ActionFailed(Logger, exception, "resend an email");
            Snackbar.Add(L["AdminEmails.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private string ErrorText(Error error) =>
        L[$"AdminEmails.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;

    private string StatusText(EmailStatus status) => L[$"AdminEmails.Status.{status}"];

    private string StatusFilterText(EmailStatus? status) => status is { } s ? StatusText(s) : L["AdminEmails.AllStatuses"];

    private static Color StatusColor(EmailStatus status) => status switch
    {
        EmailStatus.Sent => Color.Success,
        EmailStatus.Failed => Color.Error,
        EmailStatus.Suppressed => Color.Default,
        _ => Color.Info,
    };
}
