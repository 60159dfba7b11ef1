using System.Reflection;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// The data-subject requests' part for every registered record type that marks whose data it is
/// (<see cref="SubjectLinkAttribute"/>) and which fields are personal (<see cref="PersonalAttribute"/>): a module that
/// declares both gets export and erasure of its records without a step of its own.
/// </summary>
public sealed class SubjectRecords(KeqingDb db, ModuleCatalog catalog, AuditInterceptor audit) : IPersonalDataStep
{
    public string Part => "records";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        var tables = new Dictionary<string, IReadOnlyList<object>>();
        foreach (var (key, type, link) in Linked(subject.Type))
        {
            var rows = await Rows(type, link, subject.Id, tracked: false, ct);
            if (rows.Count > 0) tables[key] = rows;
        }
        return tables;
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        var records = 0;
        foreach (var (_, type, link) in Linked(subject.Type))
        foreach (var row in await Rows(type, link, subject.Id, tracked: true, ct))
        {
            audit.RedactValuesOf(((IAudited)row).Id);
            foreach (var field in PersonalFields.Of(type))
                field.Property.SetValue(row, ErasedValue(field.Property));
            records++;
        }
        return ErasedData.Count(records);
    }

    /// <summary>The subject a record belongs to, by its <see cref="SubjectLinkAttribute"/> property; null for other types or no record.</summary>
    public static async Task<DataSubject?> SubjectOf(KeqingDb db, Type type, Guid id, CancellationToken ct)
    {
        if (LinkOf(type) is not { } link) return null;
        var rows = await Rows(db, type, "Id", id, tracked: false, ct);
        return rows.Count == 0 || link.Property.GetValue(rows[0]) is not Guid subjectId ? null : new DataSubject(link.Subject, subjectId);
    }

    private IEnumerable<(string Key, Type Type, (PropertyInfo Property, SubjectType Subject) Link)> Linked(SubjectType subject) =>
        catalog.RecordTypes.Select(x => (x.Key, x.Value, Link: LinkOf(x.Value)))
            .Where(x => x.Link is { } l && l.Subject == subject && PersonalFields.Of(x.Value).Count > 0 && typeof(IAudited).IsAssignableFrom(x.Value))
            .Select(x => (x.Key, x.Value, x.Link!.Value));

    private Task<IReadOnlyList<object>> Rows(Type type, (PropertyInfo Property, SubjectType Subject) link, Guid subjectId, bool tracked, CancellationToken ct) =>
        Rows(db, type, link.Property.Name, subjectId, tracked, ct);

    private static (PropertyInfo Property, SubjectType Subject)? LinkOf(Type type) =>
        type.GetProperties().Select(p => (Property: p, Declared: p.GetCustomAttribute<SubjectLinkAttribute>()))
            .Where(x => x.Declared is not null).Select(x => ((PropertyInfo, SubjectType)?)(x.Property, x.Declared!.Subject)).FirstOrDefault();

    private static async Task<IReadOnlyList<object>> Rows(KeqingDb db, Type type, string property, Guid value, bool tracked, CancellationToken ct)
    {
        var method = typeof(SubjectRecords).GetMethod(nameof(RowsOf), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return await (Task<IReadOnlyList<object>>)method.Invoke(null, [db, property, value, tracked, ct])!;
    }

    private static async Task<IReadOnlyList<object>> RowsOf<T>(KeqingDb db, string property, Guid value, bool tracked, CancellationToken ct) where T : class
    {
        var query = db.Set<T>().Where(e => EF.Property<Guid>(e, property) == value);
        if (!tracked) query = query.AsNoTracking();
        return (await query.Take(10_000).ToListAsync(ct)).Cast<object>().ToList();
    }

    private static object? ErasedValue(PropertyInfo property)
    {
        var type = property.PropertyType;
        if (type == typeof(string)) return new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable ? null : "[erased]";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return Activator.CreateInstance(type);
        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
    }
}
