namespace Keqing.Infrastructure.Data;

/// <summary>The stored answer to a create sent with an Idempotency-Key, so a retry gets the first result.</summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    public required string Key { get; set; }
    public required string Path { get; set; }
    /// <summary>SHA-256 (hex) of the request's body; a retry with the same key and another body is refused (422).</summary>
    public string? Fingerprint { get; set; }
    /// <summary>0 while the first request is still running.</summary>
    public int StatusCode { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public string? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
