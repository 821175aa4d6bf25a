using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// The start-up every admin page shares: nothing on the static prerender; in the interactive circuit the signed-in
/// admin's id, then (unless the page opts out) the admin's time zone, then <see cref="Ready"/> and the page's own
/// <see cref="OnAdminReadyAsync"/>. The <see cref="Forbidden"/> and <see cref="Failed"/> flags are the pages' common
/// states; <see cref="AdminLoadFailed"/> and <see cref="AdminLoading"/> are their markup.
/// </summary>
/// <remarks>
/// A base class rather than a wrapper component with a cascading admin context: the pages need the admin's id in C#
/// (grid and table callbacks, dialogs, actions), where a cascaded value would arrive only as another parameter, and
/// their forbidden, failed and loading states sit in different places of their markup.
/// </remarks>
public abstract class AdminPageBase : ComponentBase
{
    private ILogger? _logger;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    /// <summary>The workspaces, for the admin's time zone.</summary>
    [Inject]
    protected OrganizationAccess Organizations { get; private set; } = default!;

    /// <summary>The page's logger, in the page's own category.</summary>
    protected ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>The signed-in admin; <see cref="Guid.Empty"/> until <see cref="Ready"/>.</summary>
    protected Guid AdminId { get; private set; }

    /// <summary>The admin's own time zone for the times shown; null (UTC) when not read or not readable.</summary>
    protected string? TimeZone { get; set; }

    /// <summary>Whether the start-up is done: the admin (and the time zone) are known.</summary>
    protected bool Ready { get; private set; }

    /// <summary>Whether the service refused the admin.</summary>
    protected bool Forbidden { get; set; }

    /// <summary>Whether the last load failed unexpectedly (the page offers a retry).</summary>
    protected bool Failed { get; set; }

    /// <summary>Whether a detail page's <see cref="ReadAsync"/> found nothing under the route's id.</summary>
    protected bool NotFound { get; private set; }

    /// <summary>
    /// Whether the start-up reads <see cref="TimeZone"/>, degrading to UTC when it cannot. A page that shows no times,
    /// or reads the time zone with its own data (so that a failure fails its load), says no.
    /// </summary>
    protected virtual bool LoadsTimeZone => true;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        AdminId = await SignedInUser.IdAsync(AuthenticationState);
        if (LoadsTimeZone)
        {
            TimeZone = await AdminTimeZone.LoadAsync(Organizations, AdminId, Logger);
        }

        Ready = true;
        await OnAdminReadyAsync();
    }

    /// <summary>The page's own start, once the admin is known; only in the interactive circuit.</summary>
    protected virtual Task OnAdminReadyAsync() => Task.CompletedTask;

    /// <summary>
    /// A detail page's read (one customer, one organization): the value, or null with <see cref="Forbidden"/>,
    /// <see cref="NotFound"/> or <see cref="Failed"/> set to say why. <paramref name="what"/> names it in the log.
    /// </summary>
    protected async Task<T?> ReadAsync<T>(Func<Task<Result<T>>> read, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        Failed = false;
        NotFound = false;
        try
        {
            var result = await read();
            if (result.Succeeded)
            {
                return result.Value;
            }

            if (result.Errors[0].Code == Error.Forbidden().Code)
            {
                Forbidden = true;
            }
            else
            {
                NotFound = true;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CustomerLog.LoadFailed(Logger, exception, what);
            Failed = true;
        }

        return null;
    }
}
