namespace Keqing.Infrastructure.Web;

/// <summary>
/// Response headers that keep the browser from running injected script, being framed or sniffing types. The policy
/// fits Blazor Server and MudBlazor: scripts only from this origin, inline styles allowed (MudBlazor sets style
/// attributes), the circuit's WebSocket to this origin.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy for pages of <paramref name="host"/>: the circuit's WebSocket may go to this host only.</summary>
    public static string ContentSecurityPolicy(string host) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; frame-ancestors 'none'; base-uri 'self'; " +
        "form-action 'self'; object-src 'none'";

    // The API reference (Scalar) starts itself with an inline script.
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static void UseSecurityHeaders(this WebApplication app)
    {
        // HSTS only over HTTPS (the middleware skips plain HTTP) and never in Development, where it would stick to localhost.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api-reference")
                    ? ApiReferencePolicy
                    : ContentSecurityPolicy(http.Request.Host.HasValue ? http.Request.Host.Value : "localhost");
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
