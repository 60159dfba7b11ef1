using System.Globalization;
using Keqing.Infrastructure.Data;

namespace Keqing.Infrastructure.Http;

/// <summary>ETag and If-Match for versioned records: the ETag is the record's version in quotes.</summary>
public static class Preconditions
{
    public static string ETagOf(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the caller read, from If-Match; 428 when missing, 412 when unreadable.</summary>
    public static long RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) throw new PreconditionRequiredException();
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        return long.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new PreconditionFailedException();
    }

    /// <summary>Makes SaveChanges update the record only if it still has the version the caller read.</summary>
    public static void ExpectVersion<T>(KeqingDb db, T entity, long expected) where T : class, IVersioned
    {
        if (entity.Version != expected) throw new PreconditionFailedException();
        db.Entry(entity).Property(e => e.Version).OriginalValue = expected;
    }

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = ETagOf(version);
}
