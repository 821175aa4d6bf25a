namespace ProfilePortal.Domain.Notifications;

/// <summary>Turns an email model into subject, HTML and text in the recipient's language.</summary>
public interface IEmailRenderer
{
    Task<RenderedEmail> RenderAsync<TModel>(TModel model, string language, CancellationToken cancellationToken = default)
        where TModel : IEmailModel;
}
