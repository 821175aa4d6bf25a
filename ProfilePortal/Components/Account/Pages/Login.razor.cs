using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Account.Pages;

public sealed partial class Login
{
    private string[]? _errors;
    private bool _emailNotConfirmed;

    [Inject] private SignInManager<ApplicationUser> SignInManager { get; set; } = default!;
    [Inject] private UserManager<ApplicationUser> UserManager { get; set; } = default!;
    [Inject] private OrganizationProvisioning Provisioning { get; set; } = default!;
    [Inject] private IdentityRedirectManager RedirectManager { get; set; } = default!;
    [Inject] private NavigationManager NavigationManager { get; set; } = default!;
    [Inject] private ILogger<Login> Logger { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    // Only a path on this site is followed (ReturnUrls): a crafted link cannot send the user elsewhere.
    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    private string? RequestedReturnUrl { get; set; }

    private string? ReturnUrl => ReturnUrls.LocalOrNull(RequestedReturnUrl);

    private string RegisterUrl => WithReturnUrl("Account/Register");

    private string ResendUrl => WithReturnUrl("Account/ResendEmailConfirmation");

    private string WithReturnUrl(string page) =>
        NavigationManager.GetUriWithQueryParameters(page, new Dictionary<string, object?> { ["ReturnUrl"] = ReturnUrl });

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            // Clear the existing external cookie to ensure a clean login process.
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task LoginUserAsync()
    {
        // Failures count toward lockout (ASVS 6.3.1).
        var result = await SignInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        var user = result.Succeeded || result.IsLockedOut || result.IsNotAllowed ? await UserManager.FindByEmailAsync(Input.Email) : null;
        if (result.Succeeded && user is not null)
        {
            await Provisioning.EnsurePersonalOrganizationAsync(user.Id);
            AdoptAccountLanguage(user);
            Logger.LogInformation("User signed in.");
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.IsLockedOut)
        {
            Logger.LogWarning("User account locked out.");
            RedirectManager.RedirectTo("Account/Lockout", new() { ["until"] = user?.LockoutEnd?.ToUnixTimeSeconds() });
        }
        // Identity refuses an unconfirmed account before it checks the password; only someone who knows the
        // password learns that the account exists and waits for confirmation.
        else if (result.IsNotAllowed && user is not null && await UserManager.CheckPasswordAsync(user, Input.Password))
        {
            _emailNotConfirmed = true;
        }
        else
        {
            _errors = [L["Login.Invalid"]];
        }
    }

    // A visitor who never picked a language gets the one their account speaks (and its emails use);
    // an explicit choice made with the switch is kept.
    private void AdoptAccountLanguage(ApplicationUser user)
    {
        if (!HttpContext.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName))
        {
            HttpContext.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(user.PreferredLanguage)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.EmailRequired")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.PasswordRequired")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
