namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// A data subject with a current consent to marketing, as a query other modules compose into theirs; a class with
/// settable members so EF Core can translate member access.
/// </summary>
public sealed class ConsentedSubject
{
    public SubjectType Type { get; init; }
    public Guid Id { get; init; }
    /// <summary>The customer the subject belongs to (itself for a customer).</summary>
    public Guid CustomerId { get; init; }
}

/// <summary>
/// Whether a customer or contact may be used for marketing or profiling (DOMAIN P2), for Marketing and Value to ask
/// before every campaign, send or score: only with a lawful basis recorded, and — for marketing — with a consent for
/// marketing on that channel (or on any) that is granted, not withdrawn, and not followed by a refusal.
/// </summary>
public interface IMarketingEligibility
{
    /// <summary>Whether the subject may receive marketing on the channel.</summary>
    Task<bool> MayMarket(DataSubject subject, ConsentChannel channel, CancellationToken ct);

    /// <summary>
    /// The subjects whose latest unwithdrawn marketing consent on some channel is a grant (no later refusal covering
    /// that channel), as a query to compose; the lawful basis is the caller's to check, since it is held on its records.
    /// </summary>
    IQueryable<ConsentedSubject> ConsentedToMarketing();

    /// <summary>Whether the subject may be profiled (value analytics): a lawful basis, and no refusal of profiling.</summary>
    Task<bool> MayProfile(DataSubject subject, CancellationToken ct);
}
