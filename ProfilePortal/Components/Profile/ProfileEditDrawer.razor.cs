using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
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
/// conflict with the current values, or a failure to retry.
/// </summary>
public sealed partial class ProfileEditDrawer
{
    // Per field: the value the service refused and what to say about it. Changing the value clears the message.
    private readonly Dictionary<string, (string? Rejected, string Message)> _errors = new(StringComparer.Ordinal);
    private ProfileForm? _form;
    private MudForm? _mudForm;
    private IReadOnlyList<string> _countries = [];
    private IReadOnlyList<string> _zones = [];
    private bool _wasOpen;

    // Whether the MudDrawer exists: from the moment it opens (it slides in, app.css) until it has slid out.
    private bool _mounted;
    private bool _saving;
    private bool _conflict;
    private bool _saveFailed;
    private bool _focusFirstError;
    private bool _listOpen;

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

    /// <summary>Called with <c>false</c> when the drawer closes itself (save, cancel, Escape, overlay).</summary>
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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> SortedCountries = new(StringComparer.Ordinal);

    // Longer than the drawer's slide-out (MudBlazor's 225 ms transition), after which it is removed.
    private static readonly TimeSpan ClosingTime = TimeSpan.FromMilliseconds(400);

    protected override void OnParametersSet()
    {
        if (Open && !_wasOpen)
        {
            // The choices, in the reader's language, are only held while the drawer is open; the countries are
            // sorted once per language and shared by every circuit (a culture-aware sort on each open cost every click).
            _countries = SortedCountries.GetOrAdd(
                $"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}",
                _ => [.. Countries.Codes.OrderBy(CountryName, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))]);
            _zones = Profiles.TimeZoneChoices();
            Start(ProfileForm.From(Profile));
            _conflict = false;
            _mounted = true;
        }

        _wasOpen = Open;
    }

    private void Start(ProfileForm form)
    {
        _form = form;
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
            var result = await Profiles.UpdateAsync(Profile.UserId, _form.ToUpdate(), _form.Version);
            if (result.Succeeded)
            {
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

        if (_errors.Count > 0 && _mudForm is not null)
        {
            await _mudForm.ValidateAsync();
            _focusFirstError = true;
        }
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

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_mounted && !Open)
        {
            // Closed: the drawer is removed once its slide-out is over, unless it opened again meanwhile.
            await Task.Delay(ClosingTime);
            if (!Open)
            {
                Unmount();
                StateHasChanged();
            }

            return;
        }

        // A keyboard or screen reader user lands on the first field to fix, its message read with it.
        if (_focusFirstError)
        {
            _focusFirstError = false;
            await JS.InvokeVoidAsync("portal.focusFirst", "[data-testid=profile-form] [aria-invalid=true]");
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

        Start(ProfileForm.From(current.Value));
        _conflict = true;
        await OnReloaded.InvokeAsync(current.Value);
    }

    private void Unmount()
    {
        _mounted = false;
        _form = null;
        _countries = [];
        _zones = [];
        _errors.Clear();
    }

    private Task CloseAsync() => OpenChangedAsync(false);

    private async Task OpenChangedAsync(bool open)
    {
        if (!open)
        {
            await OpenChanged.InvokeAsync(false);
        }
    }

    private void ListOpenChanged(bool open) => _listOpen = open;

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            await CloseAsync();
        }
    }

    /// <summary>The field's validation for MudForm: the service's message while the refused value is still there.</summary>
    private Func<string?, string?> Check(string field) => value => ErrorFor(field, value);

    private string? ErrorFor(string field) => ErrorFor(field, _form?.ValueOf(field));

    private string? ErrorFor(string field, string? value) =>
        _errors.TryGetValue(field, out var error) && string.Equals(error.Rejected ?? "", value ?? "", StringComparison.Ordinal)
            ? error.Message
            : null;

    // One localized message per field, saying what that field accepts.
    private string FieldMessage(string field) => field switch
    {
        nameof(ProfileUpdate.FirstName) or nameof(ProfileUpdate.LastName) => L[$"Profile.Error.{field}", ApplicationUser.NameMaxLength],
        nameof(ProfileUpdate.Company) => L["Profile.Error.Company", ProfileRules.CompanyMaxLength],
        _ => L[$"Profile.Error.{field}"] is { ResourceNotFound: false } text ? text.Value : L["Profile.Error.Other"],
    };

    private string CountryName(string? code) => string.IsNullOrEmpty(code) ? "" : ProfileDisplay.CountryName(CountryNames, code);

    private string ZoneLabel(string? zone) => string.IsNullOrEmpty(zone) ? "" : ProfileDisplay.ZoneLabel(zone, Clock.GetUtcNow());

    private Task<IEnumerable<string>> SearchCountriesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(ChoiceSearch.Filter(_countries, text, CountryName, _form?.Country));

    private Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(ChoiceSearch.Filter(_zones, text, ZoneLabel, _form?.TimeZone));
}
