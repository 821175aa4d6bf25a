namespace ProfilePortal.Domain.Notifications;

/// <summary>A template rendered for one recipient: subject, HTML and plain-text bodies.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody, string? UnsubscribeUrl = null);
