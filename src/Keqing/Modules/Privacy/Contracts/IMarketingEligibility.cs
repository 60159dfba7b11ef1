namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Whether a customer or contact may be used for marketing or profiling (DOMAIN P2), for Marketing and Value to ask
/// before every campaign, send or score: only with a lawful basis recorded, and — for marketing — with a consent for
/// marketing on that channel (or on any) that is granted, not withdrawn, and not followed by a refusal.
/// </summary>
public interface IMarketingEligibility
{
    /// <summary>Whether the subject may receive marketing on the channel.</summary>
    Task<bool> MayMarket(DataSubject subject, ConsentChannel channel, CancellationToken ct);

    /// <summary>Whether the subject may be profiled (value analytics): a lawful basis, and no refusal of profiling.</summary>
    Task<bool> MayProfile(DataSubject subject, CancellationToken ct);
}
