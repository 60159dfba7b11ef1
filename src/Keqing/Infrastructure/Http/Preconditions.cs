using System.Globalization;
using Keqing.Infrastructure.Data;

namespace Keqing.Infrastructure.Http;

/// <summary>ETag and If-Match for versioned records: the ETag is the record's version in quotes.</summary>
public static class Preconditions
{
    /// <summary>What <c>If-Match: *</c> reads as: any current version will do (RFC 9110 §13.1.1).</summary>
    public const long AnyVersion = -1;

    public static string ETagOf(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the caller read, from If-Match (<see cref="AnyVersion"/> for <c>*</c>); 428 when missing, 412 when unreadable.</summary>
    public static long RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) throw new PreconditionRequiredException();
        if (header == "*") return AnyVersion;
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        return long.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new PreconditionFailedException();
    }

    /// <summary>Whether the version the caller sent matches the record's current one (<c>*</c> matches any).</summary>
    public static bool Matches(long expected, long current) => expected == AnyVersion || expected == current;

    /// <summary>
    /// Makes SaveChanges update the record only if it still has the version the caller read; with <c>*</c>, the version
    /// loaded now, so a change committed in between is still a 412 rather than lost.
    /// </summary>
    public static void ExpectVersion<T>(KeqingDb db, T entity, long expected) where T : class, IVersioned
    {
        if (!Matches(expected, entity.Version)) throw new PreconditionFailedException();
        db.Entry(entity).Property(e => e.Version).OriginalValue = entity.Version;
    }

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = ETagOf(version);
}
