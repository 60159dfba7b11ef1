using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Audit;

/// <summary>One audit entry as the API shows it.</summary>
public sealed record AuditEntryDto(Guid Id, string EntityType, Guid EntityId, AuditAction Action, Guid? UserId,
    string? UserName, DateTime At, IReadOnlyList<AuditFieldChange> Changes);

/// <summary>
/// Records whose history continues in another (customers merged into a survivor): the trail of the survivor includes theirs.
/// </summary>
public interface IAuditLineage
{
    /// <summary>The ids of the records of this type that were folded into <paramref name="id"/>, directly or in turn.</summary>
    Task<IReadOnlyList<Guid>> Predecessors(string entityType, Guid id, CancellationToken ct);
}

/// <summary>Reads the audit trail of one record, newest first; <c>GET /api/audit?entity=&amp;id=</c>.</summary>
/// <remarks>Values of personal fields the caller may not see read <c>***</c> (DOMAIN P1).</remarks>
public sealed class AuditTrail(KeqingDb db, RecordAccess access, PrivacyGrants grants, CustomerDirectory customers, IEnumerable<IAuditLineage> lineages)
{
    public async Task<Page<AuditEntryDto>> Handle(string? entity, Guid? id, int? limit, string? after, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("entity", entity);
        if (id is null) errors.Add("id", "id is required.");
        var type = entity is null ? null : db.Model.GetEntityTypes().FirstOrDefault(t =>
            t.ClrType.Name.Equals(entity, StringComparison.OrdinalIgnoreCase) && typeof(IAudited).IsAssignableFrom(t.ClrType));
        if (entity is not null && type is null) errors.Add("entity", $"'{entity}' is not an audited record type.");
        errors.ThrowIfAny();
        await EnsureVisible(type!.ClrType, id!.Value, ct);
        return await Read(type.ClrType.Name, id.Value, limit, after, ct);
    }

    /// <summary>The trail of a record whose visibility the caller (a module's own endpoint) has checked already.</summary>
    public async Task<Page<AuditEntryDto>> Read(string entityType, Guid id, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        // The trail shows changes (and an erasure), including those of records merged into this one; views, reveals
        // and exports are the privacy access log's.
        var ids = new List<Guid> { id };
        foreach (var lineage in lineages) ids.AddRange(await lineage.Predecessors(entityType, id, ct));
        var query = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && ids.Contains(a.EntityId)
            && a.Action != AuditAction.Viewed && a.Action != AuditAction.Revealed && a.Action != AuditAction.Exported);
        if (Paging.Decode<Guid?>(after) is { } last) query = query.Where(a => a.Id.CompareTo(last) < 0);
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1)
            .GroupJoin(db.Users, a => a.UserId, u => u.Id, (a, us) => new { a, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new { x.a, Name = u == null ? null : u.DisplayName })
            .OrderByDescending(x => x.a.Id)
            .ToListAsync(ct);
        var viewer = await grants.For([id], ct);
        // After an erasure (DOMAIN P3) the trail stays, tamper-evident, but no longer shows the values it recorded.
        var erasedAt = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == id && a.Action == AuditAction.Erased) // on the (type, id) index
            .OrderByDescending(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var categories = entityType == "Customer" ? await customers.CustomFieldCategories(ct) : new Dictionary<string, Sensitivity>();
        var items = rows.Select(x => new AuditEntryDto(x.a.Id, x.a.EntityType, x.a.EntityId, x.a.Action, x.a.UserId, x.Name,
            x.a.At, SensitiveMasker.MaskAudit(x.a.EntityType, x.a.EntityId,
                Erased(JsonSerializer.Deserialize<List<AuditFieldChange>>(x.a.Changes, JsonSerializerOptions.Web) ?? [], x.a.Id, erasedAt),
                viewer, categories))).ToList();
        return Paging.ToPage(items, take, e => (Guid?)e.Id);
    }

    private static List<AuditFieldChange> Erased(List<AuditFieldChange> changes, Guid entryId, Guid? erasure) =>
        erasure is { } e && entryId.CompareTo(e) < 0
            ? changes.Select(c => c with { Old = c.Old is null ? null : Masked.Text, New = c.New is null ? null : Masked.Text }).ToList()
            : changes;

    private async Task EnsureVisible(Type type, Guid id, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        if (scope.IsAdmin) return;
        if (!typeof(IOwnedRecord).IsAssignableFrom(type)) throw new NotFoundException("record");
        var check = typeof(AuditTrail).GetMethod(nameof(FindVisible), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(type);
        await (Task)check.Invoke(this, [id, ct])!;
    }

    private Task FindVisible<T>(Guid id, CancellationToken ct) where T : class, IOwnedRecord =>
        access.FindVisible(db.Set<T>(), id, ct);
}
