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
