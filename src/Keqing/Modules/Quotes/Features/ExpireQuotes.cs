using Keqing.Infrastructure.Data;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>Approved or sent quotes whose last valid day has passed in the company's time zone become expired, in batches.</summary>
public sealed class ExpireQuotes(KeqingDb db, TimeProvider time, Infrastructure.Time.IUserTimeZones zones)
{
    public const int BatchSize = 500;

    /// <summary>One batch; returns how many expired (run again while it is <see cref="BatchSize"/>).</summary>
    public async Task<int> RunBatch(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = await Infrastructure.Time.UserTimeZonesExtensions.Today(zones, null, time, ct);
        var due = await db.Set<Quote>()
            .Where(q => q.ValidUntil < today && (q.Status == QuoteStatus.Approved || q.Status == QuoteStatus.Sent) && q.ArchivedAt == null)
            .OrderBy(q => q.ValidUntil).Take(BatchSize).ToListAsync(ct);
        foreach (var quote in due)
        {
            quote.Status = QuoteStatus.Expired;
            quote.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return due.Count;
    }
}
