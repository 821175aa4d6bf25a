using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ProfilePortal.Components.Account.Shared;

public sealed partial class AccountTextField
{
    /// <summary>The model property this field posts, e.g. <c>() =&gt; Input.Email</c>; gives name, id, value and messages.</summary>
    [Parameter, EditorRequired]
    public Expression<Func<string>> For { get; set; } = default!;

    /// <summary>The visible label.</summary>
    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    /// <summary>The input type: <c>text</c>, <c>email</c> or <c>password</c>.</summary>
    [Parameter]
    public string Type { get; set; } = "text";

    /// <summary>The autocomplete hint (<c>username</c>, <c>current-password</c>, <c>new-password</c>).</summary>
    [Parameter]
    public string? Autocomplete { get; set; }

    /// <summary>A hint under the field, replaced by the validation messages when there are any.</summary>
    [Parameter]
    public string? HelperText { get; set; }

    /// <summary>Any other attribute goes onto the input element (required, maxlength, autofocus).</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    private FieldIdentifier Field => FieldIdentifier.Create(For);

    private string Name => ModelPath(For);

    private string HelperId => $"{Name}-helper";

    private bool IsSecret => string.Equals(Type, "password", StringComparison.OrdinalIgnoreCase);

    private List<string> Messages => EditContext?.GetValidationMessages(Field).ToList() ?? [];

    private bool HasErrors => Messages.Count > 0;

    private bool ShowHelper => HasErrors || !string.IsNullOrEmpty(HelperText);

    private string ErrorClass => HasErrors ? "mud-input-error" : "";

    private string ControlClass => $"mud-input-control mud-input-outlined-with-label mud-input-input-control mb-4 {ErrorClass}";

    private string InputClass =>
        $"mud-input mud-input-outlined mud-input-outlined-with-label mud-shrink mud-typography-subtitle1 {ErrorClass}";

    private string LabelClass =>
        $"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol {ErrorClass}";

    private string? CurrentValue
    {
        get
        {
            var identifier = Field;
            return identifier.Model.GetType().GetProperty(identifier.FieldName)?.GetValue(identifier.Model) as string;
        }
    }

    /// <summary>
    /// "Input.Email" for <c>() =&gt; Input.Email</c>: the member chain up to the component, the same path
    /// Blazor's form binding expects in the posted field names.
    /// </summary>
    internal static string ModelPath(LambdaExpression expression)
    {
        var parts = new Stack<string>();
        var current = expression.Body;
        while (current is MemberExpression member)
        {
            parts.Push(member.Member.Name);
            if (member.Expression is null or ConstantExpression)
            {
                break;
            }

            current = member.Expression;
        }

        return string.Join('.', parts);
    }
}
