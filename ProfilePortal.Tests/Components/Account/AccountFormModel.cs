using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Tests.Components.Account;

/// <summary>The shape of the pages' input models: resource keys as validation messages.</summary>
public sealed class AccountFormModel
{
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.PasswordRequired")]
    public string Password { get; set; } = "";
}
