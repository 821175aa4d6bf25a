using System.Collections.Frozen;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Infrastructure.Email.Templates;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>
/// Renders the Razor component templates under <c>Email/Templates</c> outside any page: each template once
/// for the subject, once for HTML and once for plain text.
/// </summary>
internal sealed partial class RazorEmailRenderer(ILoggerFactory loggerFactory) : IEmailRenderer
{
    // The templates inject nothing, so they get a container of their own. In it, an encoder that leaves
    // Cyrillic alone: the HTML part is UTF-8, and the default encoder would turn every Russian letter into
    // a numeric entity, which some spam filters score and which makes the source unreadable.
    private static readonly IServiceProvider TemplateServices = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    /// <summary>Model type → template component, found through <see cref="EmailTemplate{TModel}"/>.</summary>
    internal static FrozenDictionary<Type, Type> Templates { get; } = typeof(RazorEmailRenderer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && type.BaseType is { IsGenericType: true } baseType
            && baseType.GetGenericTypeDefinition() == typeof(EmailTemplate<>))
        .ToFrozenDictionary(type => type.BaseType!.GetGenericArguments()[0]);

    public async Task<RenderedEmail> RenderAsync<TModel>(TModel model, string language, CancellationToken cancellationToken = default)
        where TModel : IEmailModel
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Templates.TryGetValue(typeof(TModel), out var template))
        {
            throw new InvalidOperationException($"There is no email template for {typeof(TModel).Name}.");
        }

        await using var renderer = new HtmlRenderer(TemplateServices, loggerFactory);
        var subject = await RenderPartAsync(renderer, template, model, language, EmailFormat.Subject);
        cancellationToken.ThrowIfCancellationRequested();
        var html = await RenderPartAsync(renderer, template, model, language, EmailFormat.Html);
        var text = await RenderPartAsync(renderer, template, model, language, EmailFormat.Text);

        return new RenderedEmail(
            OneLine(WebUtility.HtmlDecode(subject)),
            "<!DOCTYPE html>\n" + html.Trim(),
            TidyText(WebUtility.HtmlDecode(text)),
            (model as IMarketingEmailModel)?.UnsubscribeUrl);
    }

    private static Task<string> RenderPartAsync(HtmlRenderer renderer, Type template, object model, string language, EmailFormat format) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(EmailTemplate<>.Model)] = model,
                [nameof(EmailTemplate<>.Language)] = language,
                [nameof(EmailTemplate<>.Format)] = format,
            });
            var output = await renderer.RenderComponentAsync(template, parameters);
            return output.ToHtmlString();
        });

    private static string OneLine(string subject) => Whitespace().Replace(subject, " ").Trim();

    // The text part comes out of Razor with the template's indentation and blank lines; keep the words and
    // the paragraph breaks only.
    private static string TidyText(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim() + "\n";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
