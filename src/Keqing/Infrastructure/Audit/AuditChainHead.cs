namespace Keqing.Infrastructure.Audit;

/// <summary>
/// The one row holding the end of the audit chain. Every save that appends audit rows updates it first, in its own
/// transaction, so concurrent writers on any number of nodes take turns (a row lock) and never fork the chain.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingleId = 1;
    public int Id { get; set; }
    public long LastSequence { get; set; }
    /// <summary>The hash of the last row; null before the first.</summary>
    public byte[]? LastHash { get; set; }
}
