using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// The access log an auditor searches (DOMAIN P1, P3): every view of sensitive values, reveal, data-subject export and
/// erasure, newest first, filtered by user, record and time; keyset-paged. Admins only.
/// </summary>
public sealed class AccessLog(KeqingDb db, Infrastructure.Modules.ModuleCatalog catalog, IUserDirectory users)
{
    private static readonly AuditAction[] Actions = [AuditAction.Viewed, AuditAction.Revealed, AuditAction.Exported, AuditAction.Erased];

    /// <summary>The filters of <c>GET /api/privacy/access-log</c>.</summary>
    public sealed record Query(Guid? UserId = null, string? Entity = null, Guid? Id = null, DateTime? From = null, DateTime? To = null,
        string? Action = null);

    public async Task<Page<AccessLogEntryDto>> Handle(Query q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var errors = new FieldErrors();
        AuditAction? action = null;
        if (q.Action is not null)
        {
            if (System.Enum.TryParse<AuditAction>(q.Action.Trim(), ignoreCase: true, out var a) && !char.IsAsciiDigit(q.Action.Trim().FirstOrDefault())
                && Actions.Contains(a)) action = a;
            else errors.Add("action", FieldErrors.Text("action is viewed, revealed, exported or erased."));
        }
        if (q.From is { } f && q.To is { } t && f > t) errors.Add("to", FieldErrors.Text("to is after from."));
        errors.ThrowIfAny();
        var rows = db.AuditEntries.AsNoTracking().Where(e => Actions.Contains(e.Action));
        if (action is { } only) rows = rows.Where(e => e.Action == only);
        if (q.UserId is { } user) rows = rows.Where(e => e.UserId == user);
        if (!string.IsNullOrWhiteSpace(q.Entity))
        {
            // By key or by the class name older rows carry.
            var names = catalog.FindRecordType(q.Entity.Trim()) is { } type ? catalog.StoredNamesOf(type.Key).ToList() : [q.Entity.Trim()];
            rows = rows.Where(e => names.Contains(e.EntityType));
        }
        if (q.Id is { } id) rows = rows.Where(e => e.EntityId == id);
        if (q.From is { } from) rows = rows.Where(e => e.At >= from.ToUniversalTime());
        if (q.To is { } to) rows = rows.Where(e => e.At < to.ToUniversalTime());
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(e => e.Id.CompareTo(last) < 0);
        var page = await rows.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var userNames = await users.Names(page.Select(e => e.UserId).OfType<Guid>(), ct);
        var items = page.Select(e => new AccessLogEntryDto(e.Id, catalog.FindRecordType(e.EntityType)?.Key ?? e.EntityType, e.EntityId,
            JsonNamingPolicy.CamelCase.ConvertName(e.Action.ToString()), e.UserId, e.UserId is { } by ? userNames.GetValueOrDefault(by) : null, e.At,
            (JsonSerializer.Deserialize<List<AuditFieldChange>>(e.Changes, JsonSerializerOptions.Web) ?? [])
                .GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.First().New))).ToList();
        return Paging.ToPage(items, take, e => (Guid?)e.Id);
    }
}
