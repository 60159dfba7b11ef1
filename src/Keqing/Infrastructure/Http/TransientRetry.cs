using Keqing.Infrastructure.Data;

namespace Keqing.Infrastructure.Http;

/// <summary>
/// Runs an API write again when PostgreSQL aborted it as a deadlock victim or on a serialization conflict: the whole
/// endpoint (its filters, every SaveChanges and explicit transaction of its handler) is the unit of work. The body is
/// buffered so each attempt reads it from the start, each retry gets a DI scope (and so a DbContext) of its own, and
/// nothing is retried once the response has started. When every attempt fails, <see cref="ProblemExceptionHandler"/>
/// answers 503 with <c>Retry-After</c>. See docs/adr/0012-transient-database-errors.md.
/// </summary>
public sealed class TransientRetryMiddleware(RequestDelegate next, DatabaseRetry retry, IServiceScopeFactory scopes)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        // Reads take no locks that could deadlock a write; the UI's circuit and pages are not requests to re-run.
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }

        request.EnableBuffering();
        var requestServices = http.RequestServices;
        var headers = http.Response.Headers.ToList();
        try
        {
            await retry.RunAsync(async attempt =>
            {
                if (attempt == 1)
                {
                    await next(http);
                    return;
                }
                request.Body.Position = 0;
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.Headers.Clear();
                foreach (var (name, value) in headers) http.Response.Headers[name] = value;

                var scope = scopes.CreateAsyncScope();
                http.RequestServices = scope.ServiceProvider;
                try
                {
                    await next(http);
                }
                catch
                {
                    await scope.DisposeAsync();
                    throw;
                }
                // The response may still be written from the scope's services; it goes when the request ends.
                http.Response.RegisterForDisposeAsync(scope);
            }, () => !http.Response.HasStarted, http.RequestAborted);
        }
        finally
        {
            http.RequestServices = requestServices;
        }
    }
}

/// <summary>Adds <see cref="TransientRetryMiddleware"/> to the pipeline.</summary>
public static class TransientRetry
{
    /// <summary>Place after authentication, rate limiting and authorization, so a retry does not pass (or count) them twice.</summary>
    public static IApplicationBuilder UseTransientRetry(this IApplicationBuilder app) =>
        app.UseMiddleware<TransientRetryMiddleware>();
}
