using Microsoft.AspNetCore.Components.Forms;

namespace ProfilePortal.Components.Account;

/// <summary>Puts the server's verdict (Identity's reasons, a wrong password) next to the field it concerns.</summary>
internal static class FormValidation
{
    public static void AddError(this EditContext editContext, string fieldName, string message)
    {
        var store = new ValidationMessageStore(editContext);
        store.Add(editContext.Field(fieldName), message);
        editContext.NotifyValidationStateChanged();
    }
}
