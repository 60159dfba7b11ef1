using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Infrastructure.Http;

/// <summary>
/// Turns every exception into an RFC 9457 problem: rule breaks into 4xx with a message, a busy or conflicting database
/// into 503 with <c>Retry-After</c>, the rest into a 500 without details.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IOptions<DatabaseRetryOptions> retry,
    ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ValidationFailedException v => new HttpValidationProblemDetails(v.Errors)
            { Status = 400, Title = InvalidFields(httpContext) },
            BadHttpRequestException b => Bad(b),
            NotFoundException n => new ProblemDetails { Status = 404, Title = "Not found", Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = f.Message },
            PreconditionRequiredException p => new ProblemDetails { Status = 428, Title = "If-Match required", Detail = p.Message },
            PreconditionFailedException or DbUpdateConcurrencyException => new ProblemDetails
            { Status = 412, Title = "Stale version", Detail = new PreconditionFailedException().Message },
            IdempotencyKeyReusedException r => new ProblemDetails { Status = 422, Title = "Idempotency-Key reused", Detail = r.Message },
            ConflictException c => new ProblemDetails { Status = 409, Title = "Conflict", Detail = c.Message },
            DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } or Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } }
                => new ProblemDetails { Status = 409, Title = "Conflict", Detail = "This would duplicate a value that must be unique; reload and try again." },
            Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                => new ProblemDetails { Status = 503, Title = "Busy", Detail = "The database is busy; try again in a moment." },
            // What TransientRetryMiddleware gave up on after its last attempt (or met where nothing retries).
            _ when DatabaseRetry.IsTransient(exception) => new ProblemDetails
            { Status = 503, Title = "Busy", Detail = "The database had to abort this change to let a concurrent one finish; try again in a moment." },
            UnauthorizedAccessException => new ProblemDetails { Status = 401, Title = "Sign in first" },
            OperationCanceledException when cancellationToken.IsCancellationRequested => new ProblemDetails { Status = 499, Title = "Client closed request" },
            _ => new ProblemDetails { Status = 500, Title = "An unexpected error occurred." },
        };
        if (problem.Status == 500) log.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        if (problem.Status == 503)
        {
            log.LogWarning(exception, "The database stayed busy for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = Math.Max(1, retry.Value.RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // The exception has left the request localization's scope: the request's language is read off the request.
    private static string InvalidFields(HttpContext http)
    {
        var culture = http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture
                      ?? System.Globalization.CultureInfo.CurrentUICulture;
        return Keqing.Infrastructure.Web.TextResources.Find("One or more fields are invalid.", culture);
    }

    private static ProblemDetails Bad(BadHttpRequestException b)
    {
        // The framework's message says which parameter failed; the inner JSON error says where and why.
        var detail = b.InnerException is { } inner ? $"{b.Message} {inner.Message}" : b.Message;
        // A JSON value of the wrong kind is named in errors too, as a field a handler refuses is: "$.a[0].b" → "a[0].b".
        if (b.InnerException is JsonException { Path: { Length: > 0 } path } && b.StatusCode == StatusCodes.Status400BadRequest)
        {
            var field = path.TrimStart('$').TrimStart('.') is { Length: > 0 } f ? f : "body";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [FieldErrors.Text("Not a valid value for this field.")] })
            { Status = 400, Title = "The request could not be read.", Detail = detail };
        }
        return new ProblemDetails { Status = b.StatusCode, Title = "The request could not be read.", Detail = detail };
    }
}
