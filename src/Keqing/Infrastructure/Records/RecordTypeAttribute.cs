using System.Collections.Concurrent;
using System.Reflection;

namespace Keqing.Infrastructure.Records;

/// <summary>
/// The stable key of a kind of record (<c>customers.customer</c>), written into shares, audit rows, reveals and the
/// access log; it never changes when the class is renamed or another module has a class of the same name.
/// </summary>
/// <param name="key">The owning module's key, a dot, and the record's name, lower-case.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordTypeAttribute(string key) : Attribute
{
    public string Key { get; } = key;

    /// <summary>The class name that audit rows written before keys existed carry (the hash chain keeps them as written).</summary>
    public string? LegacyName { get; init; }
}

/// <summary>Reads the <see cref="RecordTypeAttribute"/> of a record's class.</summary>
public static class RecordTypes
{
    private static readonly ConcurrentDictionary<Type, RecordTypeAttribute?> Declared = new();

    /// <summary>The record type's key; a class without one is a programming error.</summary>
    public static string KeyOf(Type type) => Find(type)?.Key
        ?? throw new InvalidOperationException($"{type.FullName} has no [RecordType(\"module.name\")].");

    public static string KeyOf<T>() => KeyOf(typeof(T));

    public static RecordTypeAttribute? Find(Type type) => Declared.GetOrAdd(type, t => t.GetCustomAttribute<RecordTypeAttribute>());
}
