using System.Globalization;
using System.Threading.RateLimiting;
using Keqing.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Keqing.Infrastructure.Web;

/// <summary>
/// Per-client-address limits on sign-in (the /login form post and <c>POST /api/auth/token</c>) and on every request
/// without a signed-in user; refused requests get a 429 problem with Retry-After. Signed-in users are not limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddKeqingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
                if (IsSignIn(http.Request))
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + client, _ => PerMinute(options.SignInsPerMinute));
                if (http.User.Identity?.IsAuthenticated != true && !IsAsset(http.Request.Path))
                    return RateLimitPartition.GetFixedWindowLimiter("anonymous:" + client, _ => PerMinute(options.AnonymousRequestsPerMinute));
                return RateLimitPartition.GetNoLimiter("");
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var detail = FieldErrors.Text("Too many attempts from your address; try again in {0} seconds.", seconds);
                if (!http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
                {
                    // The sign-in form: a page the person can read, not a JSON problem.
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(
                        $"<!DOCTYPE html><meta charset=\"utf-8\"><title>Keqing</title><p>{System.Net.WebUtility.HtmlEncode(detail)}</p>" +
                        $"<p><a href=\"/login\">{System.Net.WebUtility.HtmlEncode(FieldErrors.Text("Sign in"))}</a></p>", ct);
                    return;
                }
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Title = FieldErrors.Text("Too many requests"),
                        Detail = detail,
                    },
                });
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
    };

    // Routing ignores a trailing slash, so the sign-in budget must too.
    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Value?.TrimEnd('/') ?? "") is var path
        && (path.Equals("/api/auth/token", StringComparison.OrdinalIgnoreCase) || path.Equals("/login", StringComparison.OrdinalIgnoreCase));

    // Scripts, styles and fonts the sign-in page needs are served as files; limiting them only breaks page loads.
    private static bool IsAsset(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || Path.HasExtension(path.Value);
}
