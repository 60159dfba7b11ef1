using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Whether a customer or contact may be used for marketing or profiling (DOMAIN P2), for Marketing and Value to ask
/// before every campaign, send or score: only with a lawful basis recorded, and — for marketing — with a consent for
/// marketing on that channel (or on any) that is granted, not withdrawn, and not followed by a refusal.
/// </summary>
public sealed class MarketingEligibility(KeqingDb db, IDataSubjects subjects)
{
    /// <summary>Whether the subject may receive marketing on the channel.</summary>
    public async Task<bool> MayMarket(DataSubject subject, ConsentChannel channel, CancellationToken ct) =>
        await HasLawfulBasis(subject, ct) && await Consented(subject, ConsentPurpose.Marketing, channel, ct);

    /// <summary>Whether the subject may be profiled (value analytics): a lawful basis, and no refusal of profiling.</summary>
    public async Task<bool> MayProfile(DataSubject subject, CancellationToken ct)
    {
        if (!await HasLawfulBasis(subject, ct)) return false;
        var latest = await Latest(subject, ConsentPurpose.Profiling, ConsentChannel.Any, ct);
        return latest is null || latest.Granted;
    }

    private Task<bool> HasLawfulBasis(DataSubject subject, CancellationToken ct) => subjects.HasLawfulBasis(subject, ct);

    private async Task<bool> Consented(DataSubject subject, ConsentPurpose purpose, ConsentChannel channel, CancellationToken ct) =>
        await Latest(subject, purpose, channel, ct) is { Granted: true };

    /// <summary>The most recent unwithdrawn consent or refusal for the purpose that covers the channel.</summary>
    private Task<Consent?> Latest(DataSubject subject, ConsentPurpose purpose, ConsentChannel channel, CancellationToken ct) =>
        db.Set<Consent>().AsNoTracking()
            .Where(c => c.SubjectType == subject.Type && c.SubjectId == subject.Id && c.Purpose == purpose && c.WithdrawnAt == null
                        && (c.Channel == channel || c.Channel == ConsentChannel.Any))
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
}
