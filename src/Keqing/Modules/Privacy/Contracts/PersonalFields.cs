using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Keqing.Modules.Privacy.Contracts;

/// <summary>The <see cref="PersonalAttribute"/> properties of a type (an entity or a DTO), read once per type.</summary>
public static class PersonalFields
{
    /// <summary>One personal property: its CLR property, its camelCase name as the API shows it, and its category.</summary>
    public sealed record Field(PropertyInfo Property, string Name, Sensitivity Category);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Field>> Cache = new();

    public static IReadOnlyList<Field> Of(Type type) => Cache.GetOrAdd(type, Read);

    /// <summary>The category of a property by its CLR name (as the audit log records it); <see cref="Sensitivity.None"/> if not personal.</summary>
    public static Sensitivity CategoryOf(Type type, string propertyName) =>
        Of(type).FirstOrDefault(f => f.Property.Name == propertyName)?.Category ?? Sensitivity.None;

    /// <summary>The category of a property by its camelCase name (as the API and <c>masked</c> lists name it).</summary>
    public static Sensitivity CategoryOfJson(Type type, string name) =>
        Of(type).FirstOrDefault(f => f.Name == name)?.Category ?? Sensitivity.None;

    private static List<Field> Read(Type type)
    {
        // A positional record's attribute sits on its constructor parameter unless written [property: Personal(…)].
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters())
            .Where(p => p.Name is not null && p.GetCustomAttribute<PersonalAttribute>() is not null)
            .GroupBy(p => p.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().GetCustomAttribute<PersonalAttribute>()!, StringComparer.Ordinal);
        var fields = new List<Field>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var declared = property.GetCustomAttribute<PersonalAttribute>() ?? parameters.GetValueOrDefault(property.Name);
            if (declared is null || declared.Category == Sensitivity.None) continue;
            // Masking and erasure replace the value: a personal property must be settable, and a value type nullable
            // (a masked 0 or 0001-01-01 would read as real data). Said at first use, not as a wrong value later.
            if (!property.CanWrite || (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null))
                throw new InvalidOperationException(
                    $"{type.Name}.{property.Name} is [Personal] but is {(property.CanWrite ? "a non-nullable value" : "read-only")}: make it settable and nullable.");
            fields.Add(new Field(property, JsonNamingPolicy.CamelCase.ConvertName(property.Name), declared.Category));
        }
        return fields;
    }
}
