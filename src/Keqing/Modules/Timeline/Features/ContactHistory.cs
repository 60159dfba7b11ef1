using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>Counts the interactions with a customer per employee (recorder or participant); see <see cref="IContactHistory"/>.</summary>
public sealed class ContactHistory(KeqingDb db) : IContactHistory
{
    public async Task<IReadOnlyDictionary<Guid, int>> ContactsWith(Guid customerId, IReadOnlyCollection<Guid> userIds, DateTime since, CancellationToken ct)
    {
        // One customer's interactions are few; the participants list is counted here rather than in provider-specific SQL.
        var rows = await db.Set<Interaction>().AsNoTracking().Where(i => i.CustomerId == customerId && i.OccurredAt >= since)
            .Select(i => new { i.UserId, i.ParticipantIds }).ToListAsync(ct);
        var wanted = userIds.ToHashSet();
        return rows.SelectMany(r => r.ParticipantIds.Append(r.UserId).Distinct()).Where(wanted.Contains)
            .GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
    }
}
