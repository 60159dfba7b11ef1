using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>A person's own consents (<see cref="ISubjectConsents"/>).</summary>
public sealed class SubjectConsents(KeqingDb db, TimeProvider clock) : ISubjectConsents
{
    public async Task<IReadOnlyList<ConsentDto>> Current(DataSubject subject, CancellationToken ct) =>
        (await db.Set<Consent>().AsNoTracking()
            .Where(c => c.SubjectType == subject.Type && c.SubjectId == subject.Id && c.WithdrawnAt == null)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).Take(500).ToListAsync(ct))
        .Select(Consents.ToDto).ToList();

    public async Task Set(DataSubject subject, Guid customerId, ConsentPurpose purpose, ConsentChannel channel, bool granted, string source, CancellationToken ct)
    {
        var standing = await db.Set<Consent>()
            .Where(c => c.SubjectType == subject.Type && c.SubjectId == subject.Id && c.Purpose == purpose && c.Channel == channel && c.WithdrawnAt == null)
            .ToListAsync(ct);
        if (standing.Count == 1 && standing[0].Granted == granted) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in standing) (c.WithdrawnAt, c.WithdrawnBy) = (now, Guid.Empty);
        db.Add(new Consent
        {
            SubjectType = subject.Type, SubjectId = subject.Id, CustomerId = customerId, Purpose = purpose, Channel = channel, Granted = granted,
            Source = source.Length > 200 ? source[..200] : source, RecordedAt = now, RecordedBy = Guid.Empty,
        });
        await db.SaveChangesAsync(ct);
    }
}
