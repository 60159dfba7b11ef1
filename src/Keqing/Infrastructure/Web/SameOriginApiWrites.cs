using Microsoft.AspNetCore.Mvc;

namespace Keqing.Infrastructure.Web;

/// <summary>
/// Cross-site request forgery guard for the API: a POST, PUT, PATCH or DELETE under <c>/api</c> that a browser's sign-in
/// cookie authenticates must come from this site, proved by its <c>Origin</c> (or, when a browser sends none, its
/// <c>Referer</c>) naming this host; otherwise 403. SameSite=Lax does not stop a sibling subdomain, and a form or
/// <c>fetch</c> from another site carries the cookie. Calls with a bearer token carry no ambient credential and pass;
/// the Blazor UI does not call the API (it runs its use cases in the circuit), and its forms carry antiforgery tokens.
/// </summary>
public static class SameOriginApiWrites
{
    public static void UseSameOriginApiWrites(this WebApplication app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method)
            && http.User.Identity?.IsAuthenticated == true && !HasBearerToken(request) && !IsSameOrigin(request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 403, Title = "Cross-site request refused",
                    Detail = "A change signed in with the browser's cookie must come from this site (its Origin header). Programs send a bearer token instead.",
                },
            });
            return;
        }
        await next(http);
    });

    // The same test as the authentication's scheme selector: a bearer token, not the cookie, signs the caller in.
    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the request's Origin, or its Referer when no Origin is sent, is this host (scheme and port as the browser wrote them).</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString();
        if (source.Length == 0) source = request.Headers.Referer.ToString();
        // "null" (a sandboxed frame, a redirect across sites) and anything unreadable are not this site.
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        if (!request.Host.HasValue) return false;
        return string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
               && PortOf(uri.Port) == PortOf(request.Host.Port ?? (request.IsHttps ? 443 : 80));
    }

    // Behind a TLS-terminating proxy the app sees http on 80 where the browser wrote https on 443: both are the default port.
    private static int PortOf(int port) => port is 80 or 443 ? 0 : port;
}
