using System.Security.Cryptography;
using System.Text.Json;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Infrastructure.Http;

/// <summary>
/// <c>Idempotency-Key</c> on creates: the first request's answer is stored, a retry with the same key gets it
/// again instead of creating a second record; a retry while the first is still running gets 409; the same key with
/// another body gets 422 (draft-ietf-httpapi-idempotency-key-header §2.7).
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(Filter);

    private static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return await next(context);
        if (key.Length > 200) throw new ValidationFailedException(Header, "Idempotency-Key is at most 200 characters.");
        // The draft's key is a structured-field string: printable ASCII only (no control character reaches the database).
        if (key.Any(c => c is < ' ' or > '~')) throw new ValidationFailedException(Header, "Idempotency-Key is printable ASCII.");

        var services = http.RequestServices;
        var userId = services.GetRequiredService<CurrentUser>().UserId;
        var clock = services.GetRequiredService<TimeProvider>();
        var path = http.Request.Path.ToString();
        var factory = services.GetRequiredService<IDbContextFactory<KeqingDb>>();
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var fingerprint = Fingerprint(context, json);

        await using (var db = factory.CreateDbContext())
        {
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
            if (existing is not null) return Replay(existing, path, fingerprint);
            db.IdempotencyRecords.Add(new IdempotencyRecord
            { UserId = userId, Key = key, Path = path, Fingerprint = fingerprint, CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                throw new ConflictException("A request with this Idempotency-Key is already being processed.");
            }
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await Forget(factory, userId, key);
            throw;
        }

        // A typed union (Results<Created<T>, ProblemHttpResult>) carries the result it chose inside.
        var chosen = result is INestedHttpResult nested ? nested.Result : result;
        if (chosen is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ok)
        {
            var body = chosen is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : null;
            var location = LocationOf(chosen);
            var etag = http.Response.Headers.ETag.ToString();
            await using var db = factory.CreateDbContext();
            await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, ok.StatusCode ?? 200)
                .SetProperty(r => r.Body, body)
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.ETag, etag), CancellationToken.None);
        }
        else
        {
            await Forget(factory, userId, key);
        }
        return result;
    }

    // Created<T>, CreatedAtRoute<T> and Accepted<T> all carry a Location property.
    private static string? LocationOf(object result) =>
        result.GetType().GetProperty("Location")?.GetValue(result) as string;

    /// <summary>
    /// SHA-256 of the request as the endpoint read it: its body argument serialized again, so the same values with other
    /// spacing or property order are the same request, and another value is not.
    /// </summary>
    private static string Fingerprint(EndpointFilterInvocationContext context, JsonSerializerOptions json) =>
        Convert.ToHexStringLower(SHA256.HashData(InputRules.Body(context) is (Type type, object body)
            ? JsonSerializer.SerializeToUtf8Bytes(body, type, json) : []));

    private static object Replay(IdempotencyRecord record, string path, string fingerprint)
    {
        if (record.Path != path)
            throw new ConflictException("This Idempotency-Key was already used for another request.");
        // Records stored before fingerprints were kept have none: they replay as before.
        if (record.Fingerprint is not null && record.Fingerprint != fingerprint)
            throw new IdempotencyKeyReusedException();
        if (record.StatusCode == 0)
            throw new ConflictException("A request with this Idempotency-Key is already being processed.");
        return new StoredResult(record);
    }

    private static async Task Forget(IDbContextFactory<KeqingDb> factory, Guid userId, string key)
    {
        await using var db = factory.CreateDbContext();
        await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
    }

    private sealed class StoredResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = record.StatusCode;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            if (record.Location is not null) http.Response.Headers.Location = record.Location;
            if (!string.IsNullOrEmpty(record.ETag)) http.Response.Headers.ETag = record.ETag;
            if (record.Body is not null)
            {
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync(record.Body);
            }
        }
    }
}
