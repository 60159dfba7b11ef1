using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Keqing.Infrastructure.Audit;

/// <summary>
/// The hash chain over the audit log: row n's hash is SHA-256(hash of row n-1 ‖ canonical content of row n), the
/// first row chaining from 32 zero bytes. Changing, removing or reordering any row breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>The row's content as hashed: a JSON array of its fields in a fixed order and format.</summary>
    public static byte[] Canonical(AuditEntry e) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object?[]
    {
        e.Sequence, e.Id.ToString("D"), e.EntityType, e.EntityId.ToString("D"), e.Action.ToString(),
        e.UserId?.ToString("D"), e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), e.Changes,
    }));

    public static byte[] HashOf(byte[] previous, AuditEntry e)
    {
        var content = Canonical(e);
        var buffer = new byte[previous.Length + content.Length];
        previous.CopyTo(buffer, 0);
        content.CopyTo(buffer, previous.Length);
        return SHA256.HashData(buffer);
    }

    /// <summary>Instants are kept to whole microseconds, the precision PostgreSQL stores, so a row hashes the same after a round trip.</summary>
    public static DateTime ToStoredPrecision(DateTime at) =>
        new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
}
