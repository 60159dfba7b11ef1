using Keqing.Infrastructure.Records;

namespace Keqing.Infrastructure.Modules;

/// <summary>Every module of the running app and what their manifests declare together: the capability table and the menu.</summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, Capability> capabilities;
    private readonly Dictionary<string, (Type Type, RecordTypeAttribute Declared)> recordTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> keysByName = new(StringComparer.OrdinalIgnoreCase);

    public ModuleCatalog(IEnumerable<IKeqingModule> modules)
    {
        Modules = modules.ToList();
        OtherAssemblies = Modules.Select(m => m.GetType().Assembly).Where(a => a != typeof(ModuleCatalog).Assembly).Distinct().ToList();
        var duplicateKey = Modules.GroupBy(m => m.Manifest.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateKey is not null) throw new InvalidOperationException($"Two modules have the key '{duplicateKey.Key}'.");
        capabilities = new Dictionary<string, Capability>(StringComparer.Ordinal);
        foreach (var module in Modules)
        foreach (var capability in module.Manifest.Capabilities)
        {
            if (!capability.Name.StartsWith(module.Manifest.Key + ".", StringComparison.Ordinal))
                throw new InvalidOperationException($"Capability '{capability.Name}' of module '{module.Manifest.Key}' must start with '{module.Manifest.Key}.'.");
            if (capability.Roles.Count == 0)
                throw new InvalidOperationException($"Capability '{capability.Name}' is given to no role.");
            if (!capabilities.TryAdd(capability.Name, capability))
                throw new InvalidOperationException($"Capability '{capability.Name}' is declared twice.");
        }
        foreach (var module in Modules)
        foreach (var type in module.Manifest.RecordTypes)
        {
            var declared = Records.RecordTypes.Find(type) ?? throw new InvalidOperationException($"Record type {type.Name} of module '{module.Manifest.Key}' has no [RecordType].");
            if (!declared.Key.StartsWith(module.Manifest.Key + ".", StringComparison.Ordinal))
                throw new InvalidOperationException($"Record type '{declared.Key}' of module '{module.Manifest.Key}' must start with '{module.Manifest.Key}.'.");
            if (!recordTypes.TryAdd(declared.Key, (type, declared)))
                throw new InvalidOperationException($"Record type '{declared.Key}' is declared twice.");
            if (declared.LegacyName is { } legacy && !keysByName.TryAdd(legacy, declared.Key))
                throw new InvalidOperationException($"Two record types have the legacy name '{legacy}'.");
        }
        foreach (var entry in Modules.SelectMany(m => m.Manifest.Menu))
            if (entry.Capability is { } needed && !capabilities.ContainsKey(needed))
                throw new InvalidOperationException($"Menu entry '{entry.Name}' needs the unknown capability '{needed}'.");
    }

    public IReadOnlyList<IKeqingModule> Modules { get; }

    /// <summary>The assemblies of modules that are not Keqing's own (plug-ins, tests' modules), worked out once.</summary>
    public IReadOnlyList<System.Reflection.Assembly> OtherAssemblies { get; }

    /// <summary>The one table of capabilities and the roles that hold them.</summary>
    public IReadOnlyCollection<Capability> Capabilities => capabilities.Values;

    public Capability? Find(string name) => capabilities.GetValueOrDefault(name);

    /// <summary>Whether a user with these roles holds the capability; an unknown capability is a programming error.</summary>
    public bool Grants(string capability, Func<string, bool> hasRole) =>
        (Find(capability) ?? throw new InvalidOperationException($"Unknown capability '{capability}'.")).Roles.Any(hasRole);

    /// <summary>Every capability the roles give.</summary>
    public IReadOnlySet<string> CapabilitiesOf(IReadOnlyCollection<string> roles) =>
        capabilities.Values.Where(c => c.Roles.Any(roles.Contains)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every registered record type by key.</summary>
    public IReadOnlyDictionary<string, Type> RecordTypes => recordTypes.ToDictionary(x => x.Key, x => x.Value.Type);

    /// <summary>The record type a key, or a legacy class name (as old audit rows and API callers give it), stands for.</summary>
    public (string Key, Type Type)? FindRecordType(string keyOrLegacyName)
    {
        var key = recordTypes.ContainsKey(keyOrLegacyName) ? keyOrLegacyName : keysByName.GetValueOrDefault(keyOrLegacyName);
        return key is not null && recordTypes.TryGetValue(key, out var found) ? (found.Declared.Key, found.Type) : null;
    }

    /// <summary>What audit rows of a record type may carry as their entity type: its key, and its legacy name if it has one.</summary>
    public IReadOnlyList<string> StoredNamesOf(string key) =>
        recordTypes.TryGetValue(key, out var found) && found.Declared.LegacyName is { } legacy ? [key, legacy] : [key];

    /// <summary>The menu of every module, by section and order, each entry with its module's text resource.</summary>
    public IReadOnlyList<(MenuEntry Entry, Type? Texts)> Menu =>
        Modules.SelectMany(m => m.Manifest.Menu.Select(e => (Entry: e, m.Manifest.Texts)))
            .OrderBy(x => x.Entry.Section).ThenBy(x => x.Entry.Order).ToList();
}
