using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// Reads the audit trail of one record, newest first (<c>GET /api/audit?entity=&amp;id=</c>), for any module's record
/// type: values of personal fields (declared with <see cref="PersonalAttribute"/> on the entity, or at run time through
/// <see cref="IDynamicPersonalFields"/>) the caller may not see read <c>***</c> (DOMAIN P1), and after an erasure no
/// earlier value shows.
/// </summary>
public sealed class AuditTrail(KeqingDb db, ModuleCatalog catalog, IRecordAccess access, IPrivacyGrants grants, IDataSubjects subjects,
    IEnumerable<IAuditLineage> lineages, IEnumerable<IDynamicPersonalFields> dynamicFields, IUserDirectory users) : IAuditTrail
{
    private static readonly JsonElement MaskedJson = JsonSerializer.SerializeToElement(Masked.Text);

    public async Task<Page<AuditEntryDto>> Handle(string? entity, Guid? id, int? limit, string? after, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("entity", entity);
        if (id is null) errors.Add("id", FieldErrors.Text("id is required."));
        var type = entity is null ? null : catalog.FindRecordType(entity.Trim());
        if (entity is not null && type is null) errors.Add("entity", FieldErrors.Text("'{0}' is not an audited record type.", entity));
        errors.ThrowIfAny();
        await EnsureVisible(type!.Value.Type, id!.Value, ct);
        return await Read(type.Value.Key, id.Value, limit, after, ct);
    }

    public async Task<Page<AuditEntryDto>> Read(string recordType, Guid id, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        // A legacy class name is accepted and read as the key it stands for, everywhere below.
        var (key, clrType) = catalog.FindRecordType(recordType) ?? throw new ArgumentException($"Unknown record type '{recordType}'.", nameof(recordType));
        recordType = key;
        var stored = catalog.StoredNamesOf(recordType).ToList();
        // The trail shows changes (and an erasure), including those of records merged into this one; views, reveals
        // and exports are the privacy access log's.
        var ids = new List<Guid> { id };
        foreach (var lineage in lineages) ids.AddRange(await lineage.Predecessors(recordType, id, ct));
        var query = db.AuditEntries.AsNoTracking().Where(a => stored.Contains(a.EntityType) && ids.Contains(a.EntityId)
            && a.Action != AuditAction.Viewed && a.Action != AuditAction.Revealed && a.Action != AuditAction.Exported);
        if (Paging.Decode<Guid?>(after) is { } last) query = query.Where(a => a.Id.CompareTo(last) < 0);
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        var names = await users.Names(rows.Select(a => a.UserId).OfType<Guid>(), ct);
        var viewer = await grants.For([id], ct);
        // After an erasure (DOMAIN P3) the trail stays, tamper-evident, but no longer shows the values it recorded.
        var erasedAt = await db.AuditEntries.AsNoTracking().Where(a => stored.Contains(a.EntityType) && a.EntityId == id && a.Action == AuditAction.Erased)
            .OrderByDescending(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var dynamic = new Dictionary<string, IReadOnlyDictionary<string, Sensitivity>>(StringComparer.Ordinal);
        foreach (var fields in dynamicFields.Where(f => f.RecordType == recordType)) dynamic[fields.Property] = await fields.Categories(ct);
        var items = rows.Select(a => new AuditEntryDto(a.Id, recordType, a.EntityId, a.Action, a.UserId,
            a.UserId is { } by ? names.GetValueOrDefault(by) : null, a.At,
            Mask(clrType, a.EntityId, Erased(JsonSerializer.Deserialize<List<AuditFieldChange>>(a.Changes, JsonSerializerOptions.Web) ?? [], a.Id, erasedAt),
                viewer, dynamic))).ToList();
        return Paging.ToPage(items, take, e => (Guid?)e.Id);
    }

    /// <summary>The changes with the values of fields the viewer may not see masked, so the trail is no way around masking.</summary>
    private static List<AuditFieldChange> Mask(Type type, Guid recordId, List<AuditFieldChange> changes, ViewerAccess viewer,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, Sensitivity>> dynamic) => changes.Select(change =>
    {
        if (dynamic.TryGetValue(change.Field, out var categories))
            return change with { Old = MaskJson(change.Old, categories, viewer, recordId), New = MaskJson(change.New, categories, viewer, recordId) };
        var s = PersonalFields.CategoryOf(type, change.Field);
        return s == Sensitivity.None || viewer.Sees(s, recordId)
            ? change
            : change with { Old = change.Old is null ? null : Masked.Text, New = change.New is null ? null : Masked.Text };
    }).ToList();

    private static string? MaskJson(string? json, IReadOnlyDictionary<string, Sensitivity> categories, ViewerAccess viewer, Guid recordId)
    {
        if (json is null || categories.Count == 0) return json;
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
            if (values is null) return json;
            foreach (var key in values.Keys.ToList())
                if (categories.TryGetValue(key, out var s) && !viewer.Sees(s, recordId)) values[key] = MaskedJson;
            return JsonSerializer.Serialize(values);
        }
        catch (JsonException)
        {
            return Masked.Text;
        }
    }

    private static List<AuditFieldChange> Erased(List<AuditFieldChange> changes, Guid entryId, Guid? erasure) =>
        erasure is { } e && entryId.CompareTo(e) < 0
            ? changes.Select(c => c with { Old = c.Old is null ? null : Masked.Text, New = c.New is null ? null : Masked.Text }).ToList()
            : changes;

    /// <summary>
    /// 404 unless the caller may see the record: an admin always; else an owned record by record access, or a record
    /// of a data subject (<see cref="SubjectLinkAttribute"/>) whose subject the caller may see.
    /// </summary>
    private async Task EnsureVisible(Type type, Guid id, CancellationToken ct)
    {
        if ((await access.ScopeAsync(ct)).IsAdmin) return;
        if (typeof(IOwnedRecord).IsAssignableFrom(type))
        {
            var check = typeof(AuditTrail).GetMethod(nameof(FindOwned), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type);
            await (Task)check.Invoke(this, [id, ct])!;
            return;
        }
        if (await SubjectRecords.SubjectOf(db, type, id, ct) is { } subject && await subjects.FindVisible(subject, ct) is not null) return;
        throw new NotFoundException("record");
    }

    private Task FindOwned<T>(Guid id, CancellationToken ct) where T : class, IOwnedRecord => access.FindVisible(db.Set<T>(), id, ct);
}
