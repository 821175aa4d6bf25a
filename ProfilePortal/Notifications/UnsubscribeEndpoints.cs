using Microsoft.AspNetCore.Mvc;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Notifications;

/// <summary>
/// <c>POST /unsubscribe?token=…</c>: the RFC 8058 one-click unsubscribe that mail clients send to the
/// <c>List-Unsubscribe</c> URL (body <c>List-Unsubscribe=One-Click</c>), without a sign-in, a cookie or an
/// antiforgery token. A valid token opts its user out and is answered 200; a bad one changes nothing and is
/// answered 400. The unsubscribe page answers GET at the same path; its own button posts to
/// <c>/unsubscribe/confirm</c>.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapOneClickUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/" + MarketingPreferences.UnsubscribePath, HandleAsync)
            .DisableAntiforgery()
            .AllowAnonymous()
            // The page's component endpoint matches this path too; for POST this one goes first.
            .WithOrder(-1);
        return endpoints;
    }

    // The body is not read: the token alone says who, and a client that sends another body still means "unsubscribe".
    private static async Task<IResult> HandleAsync([FromQuery(Name = "token")] string? token, MarketingPreferences preferences, CancellationToken cancellationToken)
    {
        var result = await preferences.UnsubscribeAsync(token, UnsubscribeChannel.OneClick, cancellationToken);
        return result.Succeeded
            ? Results.Text("You are unsubscribed from ProfilePortal marketing emails.", statusCode: StatusCodes.Status200OK)
            : Results.Text(result.Errors[0].Message, statusCode: StatusCodes.Status400BadRequest);
    }
}
