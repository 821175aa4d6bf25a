using Microsoft.AspNetCore.Components;
using ProfilePortal.Domain.Admin;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/quota</c>: the bulk quota extension. The admin lists emails (one per line or comma-separated) and gives
/// the launches, a reason and an optional expiry once; the report shows what became of every line. Shared mistakes
/// show on their fields and nothing is granted; unknown or malformed addresses are only reported.
/// </summary>
public sealed partial class QuotaExtensionPage
{
    private readonly QuotaExtensionInput _input = new();
    private string? _emails;
    private Dictionary<string, string> _fieldErrors = [];
    private QuotaExtensionReport? _report;
    private string? _error;
    private bool _saving;

    [Inject]
    private QuotaExtensionService Extensions { get; set; } = default!;

    [Inject]
    private MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    private async Task ExtendAsync()
    {
        _error = null;
        _fieldErrors = [];
        _saving = true;
        try
        {
            var result = await Extensions.ExtendManyAsync(AdminId, _emails, _input.Launches, _input.Reason, _input.ExpiresAt);
            if (result.Succeeded)
            {
                _report = result.Value;
                Snackbar.Add(L["AdminQuota.Done", _report.Granted], _report.Granted > 0 ? MudBlazor.Severity.Success : MudBlazor.Severity.Warning);
                return;
            }

            _error = AdminQuotaText.ShowErrors(L, result.Errors, _fieldErrors) ?? _error;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminQuotaLog.ActionFailed(Logger, exception, "bulk quota extension");
            _error = L["AdminQuota.Failed"];
        }
        finally
        {
            _saving = false;
        }
    }
}
