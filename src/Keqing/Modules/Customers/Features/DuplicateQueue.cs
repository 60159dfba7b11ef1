using System.Text.Json;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// The duplicate review queue (<c>GET /api/duplicates</c>): open pairs whose two customers the caller may both see, best
/// score first, keyset-paged; and "not a duplicate" (dismiss). Pairs come from the scan and from customers entered.
/// </summary>
public sealed class DuplicateQueue(KeqingDb db, IRecordAccess access, CurrentUser currentUser, CustomerPrivacy privacy, TimeProvider clock)
{
    /// <summary>The position after a page's last pair: its score and id.</summary>
    public sealed record Cursor(double Score, Guid Id);

    public async Task<Page<DuplicatePairDto>> List(Guid? customerId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var visible = (await access.Visible(db.Set<Customer>(), ct)).Where(c => c.ArchivedAt == null).Select(c => c.Id);
        var pairs = db.Set<DuplicateCandidate>().AsNoTracking()
            .Where(d => d.Status == DuplicateStatus.Open && visible.Contains(d.CustomerAId) && visible.Contains(d.CustomerBId));
        if (customerId is { } id) pairs = pairs.Where(d => d.CustomerAId == id || d.CustomerBId == id);
        if (Paging.Decode<Cursor>(after) is { } c)
            pairs = pairs.Where(d => d.Score < c.Score || (d.Score == c.Score && d.Id.CompareTo(c.Id) < 0));
        var rows = await pairs.OrderByDescending(d => d.Score).ThenByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var ids = rows.SelectMany(d => new[] { d.CustomerAId, d.CustomerBId }).Distinct().ToList();
        // A person's phones and emails show only to roles that see contact details (DOMAIN P1), as everywhere else.
        var seesContactPoints = await privacy.MaySearchContactPoints(ct);
        var sides = (await db.Set<Customer>().AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync(ct))
            .Select(x => seesContactPoints || x.Kind == CustomerKind.Organization
                ? new DuplicateSide(x.Id, x.Name, x.Province, x.City, x.OwnerId, x.Phones, x.Emails, x.UpdatedAt)
                : new DuplicateSide(x.Id, x.Name, x.Province, x.City, x.OwnerId, Hidden(x.Phones), Hidden(x.Emails), x.UpdatedAt))
            .ToDictionary(x => x.Id);
        var items = rows.Select(d => ToDto(d, sides[d.CustomerAId], sides[d.CustomerBId])).ToList();
        return Paging.ToPage(items, take, p => new Cursor(p.Score, p.Id));
    }

    /// <summary>Marks a pair "not a duplicate": it leaves the queue and later scans keep it dismissed.</summary>
    public async Task Dismiss(Guid pairId, CancellationToken ct)
    {
        var pair = await db.Set<DuplicateCandidate>().FirstOrDefaultAsync(d => d.Id == pairId, ct) ?? throw new NotFoundException("duplicate");
        var a = await access.FindVisible(db.Set<Customer>(), pair.CustomerAId, ct);
        var b = await access.FindVisible(db.Set<Customer>(), pair.CustomerBId, ct);
        if (!await access.CanWrite(a, ct) && !await access.CanWrite(b, ct))
            throw new ForbiddenException("You may see these customers but not change them; ask an owner to decide.");
        if (pair.Status != DuplicateStatus.Open) throw new ConflictException("This pair was already decided.");
        pair.Status = DuplicateStatus.Dismissed;
        pair.DecidedAt = clock.GetUtcNow().UtcDateTime;
        pair.DecidedBy = currentUser.UserId;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Queues the likely duplicates of a customer being saved (in the caller's unit of work): a pair already known keeps
    /// its status (a dismissed pair stays dismissed).
    /// </summary>
    internal async Task Enqueue(Guid customerId, IReadOnlyList<DuplicateMatch> matches, CancellationToken ct)
    {
        if (matches.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var others = matches.Select(m => m.Id).ToList();
        var known = await db.Set<DuplicateCandidate>()
            .Where(d => (d.CustomerAId == customerId && others.Contains(d.CustomerBId)) || (d.CustomerBId == customerId && others.Contains(d.CustomerAId)))
            .ToListAsync(ct);
        foreach (var m in matches)
        {
            var (a, b) = customerId.CompareTo(m.Id) < 0 ? (customerId, m.Id) : (m.Id, customerId);
            var reasons = JsonSerializer.Serialize(m.Reasons, JsonSerializerOptions.Web);
            if (known.FirstOrDefault(d => d.CustomerAId == a && d.CustomerBId == b) is { } row)
            {
                row.SeenAt = now;
                if (row.Status == DuplicateStatus.Open) (row.Score, row.Reasons) = (m.Score, reasons);
            }
            else db.Add(new DuplicateCandidate { CustomerAId = a, CustomerBId = b, Score = m.Score, Reasons = reasons, FoundAt = now, SeenAt = now });
        }
    }

    private static IReadOnlyList<string> Hidden(IReadOnlyList<string> values) => values.Count == 0 ? values : [Masked.Text];

    private static DuplicatePairDto ToDto(DuplicateCandidate d, DuplicateSide a, DuplicateSide b) => new(
        d.Id, a, b, d.Score, JsonSerializer.Deserialize<List<DuplicateReason>>(d.Reasons, JsonSerializerOptions.Web) ?? [], d.Status, d.FoundAt);
}
