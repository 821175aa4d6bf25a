using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using ProfilePortal.Components.Account;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Account;

public sealed class AccountTextFieldTests : PortalComponentTestContext
{
    private readonly AccountFormModel _input = new() { Email = "anna@example.com", Password = "typed-secret" };

    [Fact]
    public void Input_posts_under_the_model_path_and_keeps_the_typed_email()
    {
        var cut = RenderForm();

        var email = cut.Find("input[type=email]");
        Assert.Equal("Input.Email", email.GetAttribute("name"));
        Assert.Equal("Input.Email", email.GetAttribute("id"));
        Assert.Equal("anna@example.com", email.GetAttribute("value"));
        Assert.Equal("Input.Email", cut.Find("label[for='Input.Email']").GetAttribute("for"));
    }

    [Fact]
    public void Password_is_never_written_back_into_the_page()
    {
        var cut = RenderForm();

        var password = cut.Find("input[name='Input.Password']");
        Assert.Null(password.GetAttribute("value"));
        Assert.DoesNotContain("typed-secret", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Enter a valid email address")]
    [InlineData("ru", "Введите корректный email")]
    public async Task Malformed_email_is_flagged_on_the_field_and_in_the_summary_in_the_visitors_language(string culture, string message)
    {
        UseCulture(culture);
        _input.Email = "not-an-email";
        var context = new EditContext(_input);
        var cut = RenderForm(context);

        await cut.InvokeAsync(() => context.Validate());

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(message, cut.Find("[data-testid='Input.Email-message']").TextContent, StringComparison.Ordinal);
            Assert.Equal("true", cut.Find("input[name='Input.Email']").GetAttribute("aria-invalid"));
            Assert.Contains(message, cut.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Server_side_errors_added_after_rendering_show_up_in_the_summary()
    {
        var context = new EditContext(_input);
        var cut = RenderForm(context);
        Assert.Empty(cut.FindAll("[data-testid=form-error]"));

        await cut.InvokeAsync(() => context.AddError(nameof(AccountFormModel.Email), "This email is taken."));

        cut.WaitForAssertion(() =>
            Assert.Contains("This email is taken.", cut.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
    }

    private IRenderedComponent<AccountFormHost> RenderForm(EditContext? context = null) =>
        Render<AccountFormHost>(parameters => parameters
            .Add(p => p.Input, _input)
            .Add(p => p.EditContext, context ?? new EditContext(_input)));
}
