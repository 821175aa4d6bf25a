using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// The edit drawer: binds a <see cref="ProfileForm"/>, saves through <see cref="ProfileService.UpdateAsync"/> and
/// shows what the service says: field errors inline (one message per field, in the reader's language), a
/// conflict with the current values, or a failure to retry. One component of plain elements in a native modal
/// <c>&lt;dialog&gt;</c> (issue 10: opening it is the load's click, and each component costs every click).
/// </summary>
public sealed partial class ProfileEditDrawer
{
    // Per field: the value the service refused and what to say about it. Changing the value clears the message.
    private readonly Dictionary<string, (string? Rejected, string Message)> _errors = new(StringComparer.Ordinal);
    private ProfileForm? _form;
    private ChoiceList? _countries;
    private ChoiceList? _zones;
    private ElementReference _dialog;
    private bool _wasOpen;
    private bool _showPending;
    private bool _saving;
    private bool _conflict;
    private bool _saveFailed;
    private bool _focusFirstError;

    [Inject]
    private ProfileService Profiles { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CountryNames> CountryNames { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ILogger<ProfileEditDrawer> Logger { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Whether the drawer is open; two-way bindable.</summary>
    [Parameter]
    public bool Open { get; set; }

    /// <summary>Called with <c>false</c> when the drawer closes itself (save, cancel, Escape, backdrop).</summary>
    [Parameter]
    public EventCallback<bool> OpenChanged { get; set; }

    /// <summary>The profile to edit; its values fill the form each time the drawer opens.</summary>
    [Parameter, EditorRequired]
    public ProfileView Profile { get; set; } = default!;

    /// <summary>Called with the saved profile after a successful save (before the drawer closes).</summary>
    [Parameter]
    public EventCallback<ProfileView> OnSaved { get; set; }

    /// <summary>Called with the current profile when a save met someone else's change and the form was reloaded.</summary>
    [Parameter]
    public EventCallback<ProfileView> OnReloaded { get; set; }

    protected override void OnParametersSet()
    {
        if (Open && !_wasOpen)
        {
            // The choice lists are shared by every circuit (one per language); the drawer only holds them while open.
            _countries = ChoiceList.Countries(CountryNames);
            _zones = ChoiceList.TimeZones(Profiles.TimeZoneChoices(), Clock.GetUtcNow());
            Start(Profile);
            _conflict = false;
            _showPending = true;
        }
        else if (!Open && _wasOpen)
        {
            // Closed: nothing of the drawer is kept (issue 10: an idle tab holds none of it).
            _form = null;
            _countries = null;
            _zones = null;
            _errors.Clear();
            _showPending = false;
            _focusFirstError = false;
        }

        _wasOpen = Open;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_showPending)
        {
            // The dialog is rendered closed; showModal opens it as a modal: the page behind is inert, the focus
            // moves into it, Escape cancels it, and closing it gives the focus back to "Edit".
            _showPending = false;
            await JS.InvokeVoidAsync("portal.showModal", _dialog);
        }

        // A keyboard or screen reader user lands on the first field to fix, its message read with it.
        if (_focusFirstError)
        {
            _focusFirstError = false;
            await JS.InvokeVoidAsync("portal.focusFirst", "[data-testid=profile-form] [aria-invalid=true]");
        }
    }

    private void Start(ProfileView profile)
    {
        _form = ProfileForm.From(profile, CountryLabel, ZoneLabel);
        _errors.Clear();
        _saveFailed = false;
    }

    private async Task SaveAsync()
    {
        if (_form is null || _saving)
        {
            return;
        }

        _saving = true;
        _conflict = false;
        _saveFailed = false;
        _errors.Clear();
        try
        {
            var result = await Profiles.UpdateAsync(Profile.UserId, _form.ToUpdate(CountryCode, ZoneCode), _form.Version);
            if (result.Succeeded)
            {
                // Closed in the browser first, so that the dialog gives the focus back to "Edit" before it is removed.
                await CloseInBrowserAsync();
                Snackbar.Add(L["Profile.Saved"], Severity.Success);
                await OnSaved.InvokeAsync(result.Value);
                await CloseAsync();
                return;
            }

            if (result.Errors.Contains(ProfileService.Conflict))
            {
                await ReloadAfterConflictAsync();
                return;
            }

            ShowErrors(_form, result.Errors);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SaveFailed(Logger, exception);
            _saveFailed = true;
        }
        finally
        {
            _saving = false;
        }

        _focusFirstError = _errors.Count > 0;
    }

    // Field errors go under their fields, with the value that was refused; anything else is a failed save.
    private void ShowErrors(ProfileForm form, IReadOnlyList<Error> errors)
    {
        foreach (var error in errors)
        {
            if (error.Field is { } field)
            {
                _errors[field] = (form.ValueOf(field), FieldMessage(field));
            }
            else
            {
                _saveFailed = true;
            }
        }
    }

    // Nothing is overwritten: the form now shows what is stored, and the user decides again.
    private async Task ReloadAfterConflictAsync()
    {
        var current = await Profiles.GetAsync(Profile.UserId);
        if (!current.Succeeded)
        {
            _saveFailed = true;
            return;
        }

        Start(current.Value);
        _conflict = true;
        await OnReloaded.InvokeAsync(current.Value);
    }

    private async Task CloseInBrowserAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("portal.closeDialog", _dialog);
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException)
        {
            // The page removes the dialog all the same; only the focus is not given back.
        }
    }

    // Close, Cancel, Escape and the backdrop: the browser has closed the dialog already (portal.js); the page removes it.
    private async Task CloseAsync()
    {
        if (Open)
        {
            await OpenChanged.InvokeAsync(false);
        }
    }

    /// <summary>The field's message while the value the service refused is still in its box; null otherwise.</summary>
    private string? ErrorFor(string field) =>
        _errors.TryGetValue(field, out var error) && string.Equals(error.Rejected ?? "", _form?.ValueOf(field) ?? "", StringComparison.Ordinal)
            ? error.Message
            : null;

    // One localized message per field, saying what that field accepts.
    private string FieldMessage(string field) => field switch
    {
        nameof(ProfileUpdate.FirstName) or nameof(ProfileUpdate.LastName) => L[$"Profile.Error.{field}", ApplicationUser.NameMaxLength],
        nameof(ProfileUpdate.Company) => L["Profile.Error.Company", ProfileRules.CompanyMaxLength],
        _ => L[$"Profile.Error.{field}"] is { ResourceNotFound: false } text ? text.Value : L["Profile.Error.Other"],
    };

    private string CountryLabel(string code) => _countries?.LabelOf(code) ?? ProfileDisplay.CountryName(CountryNames, code);

    private string ZoneLabel(string zone) => _zones?.LabelOf(zone) ?? ProfileDisplay.ZoneLabel(zone, Clock.GetUtcNow());

    // A name or code from the list, or the stored value's own label, is that code; empty is none; any other text is
    // sent as typed and the service refuses it under the field, with everything else kept.
    private string? CountryCode(string? text) => ChoiceCode(text, _countries, _form?.StoredCountry, CountryLabel);

    private string? ZoneCode(string? text) => ChoiceCode(text, _zones, _form?.StoredTimeZone, ZoneLabel);

    private static string? ChoiceCode(string? text, ChoiceList? list, string? stored, Func<string, string> label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (list?.CodeOf(text) is { } code)
        {
            return code;
        }

        return !string.IsNullOrEmpty(stored) && string.Equals(text.Trim(), label(stored), StringComparison.Ordinal) ? stored : text.Trim();
    }
}
