using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// Quotes' part of a hand-over (DOMAIN T4): the employee's live quotes still in play (draft, pending approval, approved,
/// sent) on each moved customer go to that customer's new owner (and their team), tracked so each change is audited;
/// decided quotes stay with who made them.
/// </summary>
public sealed class QuoteHandoverStep(KeqingDb db, IUserDirectory users, TimeProvider time) : IHandoverStep
{
    private static readonly QuoteStatus[] InPlay = [QuoteStatus.Draft, QuoteStatus.PendingApproval, QuoteStatus.Approved, QuoteStatus.Sent];

    public string What => "quotes";

    public async Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        var customerIds = newOwnerByCustomer.Keys.ToList();
        var moving = new List<Quote>();
        // In slices: a hand-over may move thousands of customers, more than a database takes as parameters at once.
        foreach (var slice in customerIds.Chunk(1000))
            moving.AddRange(await db.Set<Quote>().Where(q => q.OwnerId == fromUserId && InPlay.Contains(q.Status)
                && q.ArchivedAt == null && slice.Contains(q.CustomerId)).ToListAsync(ct));
        var teams = new Dictionary<Guid, Guid?>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var q in moving)
        {
            var to = newOwnerByCustomer[q.CustomerId];
            if (!teams.TryGetValue(to, out var team)) teams[to] = team = (await users.Find(to, ct))?.TeamId;
            q.OwnerId = to;
            q.TeamId = team;
            q.UpdatedAt = now;
        }
        return moving.Count;
    }
}
