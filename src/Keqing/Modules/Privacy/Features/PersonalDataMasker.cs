using System.Reflection;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// Masks the <see cref="PersonalAttribute"/> properties of any module's DTOs by the caller's grants and reveals, and
/// logs the sensitive values it shows (DOMAIN P1). A masked text reads <c>***</c>, a masked list <c>["***"]</c>, any
/// other masked value is null.
/// </summary>
public sealed class PersonalDataMasker(IPrivacyGrants grants, Infrastructure.Modules.ModuleCatalog catalog) : IPersonalDataMasker
{
    private static readonly MethodInfo MemberwiseCloneMethod =
        typeof(object).GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!;

    public async Task<IReadOnlyList<T>> Mask<T>(string recordType, IReadOnlyList<T> records, Func<T, Guid> idOf, CancellationToken ct, bool logViews = true)
        where T : class
    {
        var fields = PersonalFields.Of(typeof(T));
        // A DTO of a record type that holds personal data but declares none would leave it all visible.
        if (fields.Count == 0 && catalog.FindRecordType(recordType) is { } entity && PersonalFields.Of(entity.Type).Count > 0)
            throw new InvalidOperationException($"{typeof(T).Name} shows {recordType} records, which hold personal data, but declares no [Personal] property.");
        if (fields.Count == 0 || records.Count == 0) return records;
        var viewer = await grants.For(records.Select(idOf), ct, fields.Select(f => f.Category).Distinct().ToList());
        var maskedProperty = typeof(T).GetProperty("Masked") is { CanWrite: true } p && p.PropertyType.IsAssignableFrom(typeof(List<string>)) ? p : null;
        var result = new List<T>(records.Count);
        var views = new List<(Guid, IReadOnlyList<string>)>();
        foreach (var record in records)
        {
            var id = idOf(record);
            var masked = new List<string>();
            var shown = new List<string>();
            foreach (var field in fields)
            {
                var value = field.Property.GetValue(record);
                if (viewer.Sees(field.Category, id))
                {
                    if (HasValue(value) && Masked.IsLoggedOnView(field.Category)) shown.Add(field.Name);
                }
                else masked.Add(field.Name);
            }
            views.Add((id, shown));
            if (masked.Count == 0 && maskedProperty is null) { result.Add(record); continue; }
            // A copy, so a cached or shared DTO is never changed; init-only setters are set the way `with` would.
            var copy = (T)MemberwiseCloneMethod.Invoke(record, null)!;
            foreach (var field in fields.Where(f => masked.Contains(f.Name)))
                field.Property.SetValue(copy, MaskedValue(field.Property.PropertyType, field.Property.GetValue(record)));
            maskedProperty?.SetValue(copy, masked);
            result.Add(copy);
        }
        if (logViews) await grants.LogViews(recordType, views, ct);
        return result;
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    private static object? MaskedValue(Type type, object? value)
    {
        if (value is null) return null;
        if (type == typeof(string)) return Masked.Text;
        if (type == typeof(string[])) return ((string[])value).Length == 0 ? value : new[] { Masked.Text };
        if (type.IsAssignableFrom(typeof(List<string>))) return value is System.Collections.ICollection { Count: 0 } ? value : new List<string> { Masked.Text };
        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
    }
}
