using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>Marketing eligibility from the recorded consents and lawful basis; see <see cref="IMarketingEligibility"/>.</summary>
public sealed class MarketingEligibility(KeqingDb db, IDataSubjects subjects) : IMarketingEligibility
{
    public async Task<bool> MayMarket(DataSubject subject, ConsentChannel channel, CancellationToken ct) =>
        await HasLawfulBasis(subject, ct) && await Consented(subject, ConsentPurpose.Marketing, channel, ct);

    public async Task<bool> MayProfile(DataSubject subject, CancellationToken ct)
    {
        if (!await HasLawfulBasis(subject, ct)) return false;
        var latest = await Latest(subject, ConsentPurpose.Profiling, ConsentChannel.Any, ct);
        return latest is null || latest.Granted;
    }

    public IQueryable<ConsentedSubject> ConsentedToMarketing()
    {
        var consents = db.Set<Consent>().Where(c => c.Purpose == ConsentPurpose.Marketing && c.WithdrawnAt == null);
        return consents.Where(g => g.Granted && !consents.Any(r => !r.Granted && r.SubjectType == g.SubjectType && r.SubjectId == g.SubjectId
                                                                  && (r.Channel == g.Channel || r.Channel == ConsentChannel.Any)
                                                                  && (r.RecordedAt > g.RecordedAt || (r.RecordedAt == g.RecordedAt && r.Id.CompareTo(g.Id) > 0))))
            .Select(g => new ConsentedSubject { Type = g.SubjectType, Id = g.SubjectId, CustomerId = g.CustomerId });
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
