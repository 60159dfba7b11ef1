using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>The filters of the lead list (query string of <c>GET /api/leads</c>); times are UTC instants.</summary>
public sealed record LeadQuery(LeadStatus? Status = null, LeadSource? Source = null, Guid? OwnerId = null, Guid? TeamId = null,
    string? Q = null, DateTime? CreatedFrom = null, DateTime? CreatedTo = null, bool? Hot = null, bool Archived = false, bool Shared = false);

/// <summary>
/// Lists and counts the leads the caller may see (record access), newest first, keyset-paged: filters by status,
/// source, owner, team, creation time and hot score; <c>q</c> matches name or company by substring, or a whole phone
/// or email through the lookups (only for a role that may see contact details).
/// </summary>
public sealed class ListLeads(KeqingDb db, IRecordAccess access, LeadPrivacy privacy)
{
    /// <summary>Counts stop here, as for customers.</summary>
    public const int CountCap = 10_000;

    public async Task<Page<LeadDto>> Handle(LeadQuery query, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Decode<Cursor>(after);
        var rows = await Filtered(query, ct);
        if (cursor is not null)
        {
            var (at, id) = (cursor.At, cursor.Id);
            rows = rows.Where(l => l.CreatedAt <= at && (l.CreatedAt < at || l.Id.CompareTo(id) < 0));
        }
        var items = await rows.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).AsNoTracking().Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(items, take, l => new Cursor(l.CreatedAt, l.Id));
        return new Page<LeadDto>(await privacy.Protect(page.Items.Select(l => l.ToDto()).ToList(), log: true, ct), page.Next);
    }

    /// <summary>How many leads match, counted up to <see cref="CountCap"/>.</summary>
    public async Task<(int Count, bool Capped)> Count(LeadQuery query, CancellationToken ct)
    {
        var n = await (await Filtered(query, ct)).Take(CountCap + 1).CountAsync(ct);
        return n > CountCap ? (CountCap, true) : (n, false);
    }

    /// <summary>The position after a page's last row: its creation time and id.</summary>
    public sealed record Cursor(DateTime At, Guid Id);

    private async Task<IQueryable<Lead>> Filtered(LeadQuery f, CancellationToken ct)
    {
        // Shared with me (共享给我的): driven from the caller's shares (a share past its end date is not one), not from every visible lead.
        var rows = f.Shared ? await access.SharedWithMe(db.Set<Lead>(), ct) : await access.Visible(db.Set<Lead>(), ct);
        rows = f.Archived ? rows.Where(l => l.ArchivedAt != null) : rows.Where(l => l.ArchivedAt == null);
        if (f.Status is { } status) rows = rows.Where(l => l.Status == status);
        if (f.Source is { } source) rows = rows.Where(l => l.Source == source);
        if (f.OwnerId is { } owner) rows = rows.Where(l => l.OwnerId == owner);
        if (f.TeamId is { } team) rows = rows.Where(l => l.TeamId == team);
        if (f.CreatedFrom is { } from) rows = rows.Where(l => l.CreatedAt >= from);
        if (f.CreatedTo is { } to) rows = rows.Where(l => l.CreatedAt < to);
        if (f.Hot is { } hot)
        {
            var threshold = (await db.Set<LeadSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new LeadSettings()).HotScore;
            rows = hot ? rows.Where(l => l.Score >= threshold) : rows.Where(l => l.Score < threshold);
        }
        if (!string.IsNullOrWhiteSpace(f.Q)) rows = await Searched(rows, f.Q.Trim(), ct);
        return rows;
    }

    private async Task<IQueryable<Lead>> Searched(IQueryable<Lead> rows, string q, CancellationToken ct)
    {
        if (q.Length > 200) throw new ValidationFailedException("q", FieldErrors.Text("At most {0} characters (got {1}).", 200, q.Length));
        var (kind, value) = q.Contains('@') ? (LeadLookupKind.Email, ContactPoints.NormalizeEmail(q))
            : ContactPoints.LooksLikePhone(q) ? (LeadLookupKind.Phone, ContactPoints.NormalizePhone(q)) : (default, null);
        if (value is not null)
        {
            // A role that may not see contact details must not learn by searching whom a number or address belongs to.
            if (!await privacy.MaySearchContactPoints(ct)) return rows.Where(_ => false);
            var ids = db.Set<LeadLookup>().Where(l => l.Kind == kind && l.Value == value).Select(l => l.LeadId);
            return rows.Where(l => ids.Contains(l.Id));
        }
        var text = "%" + q.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        return rows.Where(l => EF.Functions.Like(l.SearchText, text, "\\"));
    }
}
