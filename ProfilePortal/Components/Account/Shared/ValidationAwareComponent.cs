using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ProfilePortal.Components.Account.Shared;

/// <summary>
/// Re-renders when the surrounding form's validation state changes. The form cascades its context as a
/// fixed value, so without this a field or summary would miss messages added after its first render (the
/// server's verdict on a post, or a validation run).
/// </summary>
public abstract class ValidationAwareComponent : ComponentBase, IDisposable
{
    private EditContext? _subscribed;

    [CascadingParameter]
    protected EditContext? EditContext { get; set; }

    protected override void OnParametersSet()
    {
        if (EditContext == _subscribed)
        {
            return;
        }

        Unsubscribe();
        _subscribed = EditContext;
        if (_subscribed is not null)
        {
            _subscribed.OnValidationStateChanged += OnValidationStateChanged;
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.OnValidationStateChanged -= OnValidationStateChanged;
        }
    }

    private void OnValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => StateHasChanged();
}
