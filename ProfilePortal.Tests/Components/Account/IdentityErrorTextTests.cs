using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Components.Account;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Account;

public sealed class IdentityErrorTextTests : PortalComponentTestContext
{
    [Fact]
    public void Too_short_password_names_the_required_length_in_russian()
    {
        UseCulture("ru");

        var text = CreateText(requiredLength: 8).Describe(new IdentityError { Code = nameof(IdentityErrorDescriber.PasswordTooShort) });

        Assert.Equal("Пароль должен содержать не меньше 8 символов.", text);
    }

    [Fact]
    public void Taken_email_reads_the_same_for_the_user_name_and_the_email_codes()
    {
        var text = CreateText();

        Assert.Equal(text.Describe(nameof(IdentityErrorDescriber.DuplicateEmail)), text.Describe(nameof(IdentityErrorDescriber.DuplicateUserName)));
        Assert.Contains("already exists", text.Describe(nameof(IdentityErrorDescriber.DuplicateEmail)), StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_errors_wrapping_identity_codes_are_mapped_by_their_code()
    {
        var text = CreateText();

        Assert.Equal(
            text.Describe(nameof(IdentityErrorDescriber.InvalidEmail)),
            text.Describe(new Error("identity.InvalidEmail", "Email 'x' is invalid.", "Email")));
    }

    [Fact]
    public void Unknown_codes_get_a_generic_message_instead_of_identitys_english_text()
    {
        var text = CreateText();

        Assert.Equal("The request could not be completed. Please try again.", text.Describe(new IdentityError { Code = "SomethingNew", Description = "Raw English" }));
    }

    private IdentityErrorText CreateText(int requiredLength = 8)
    {
        var options = Options.Create(new IdentityOptions());
        options.Value.Password.RequiredLength = requiredLength;
        return new IdentityErrorText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), options);
    }
}
