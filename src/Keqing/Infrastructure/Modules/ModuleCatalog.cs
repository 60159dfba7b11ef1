namespace Keqing.Infrastructure.Modules;

/// <summary>Every module of the running app and what their manifests declare together: the capability table and the menu.</summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, Capability> capabilities;

    public ModuleCatalog(IEnumerable<IKeqingModule> modules)
    {
        Modules = modules.ToList();
        var duplicateKey = Modules.GroupBy(m => m.Manifest.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateKey is not null) throw new InvalidOperationException($"Two modules have the key '{duplicateKey.Key}'.");
        capabilities = new Dictionary<string, Capability>(StringComparer.Ordinal);
        foreach (var module in Modules)
        foreach (var capability in module.Manifest.Capabilities)
        {
            if (!capability.Name.StartsWith(module.Manifest.Key + ".", StringComparison.Ordinal))
                throw new InvalidOperationException($"Capability '{capability.Name}' of module '{module.Manifest.Key}' must start with '{module.Manifest.Key}.'.");
            if (!capabilities.TryAdd(capability.Name, capability))
                throw new InvalidOperationException($"Capability '{capability.Name}' is declared twice.");
        }
        foreach (var entry in Modules.SelectMany(m => m.Manifest.Menu))
            if (entry.Capability is { } needed && !capabilities.ContainsKey(needed))
                throw new InvalidOperationException($"Menu entry '{entry.Name}' needs the unknown capability '{needed}'.");
    }

    public IReadOnlyList<IKeqingModule> Modules { get; }

    /// <summary>The one table of capabilities and the roles that hold them.</summary>
    public IReadOnlyCollection<Capability> Capabilities => capabilities.Values;

    public Capability? Find(string name) => capabilities.GetValueOrDefault(name);

    /// <summary>The menu of every module, by section and order, each entry with its module's text resource.</summary>
    public IReadOnlyList<(MenuEntry Entry, Type? Texts)> Menu =>
        Modules.SelectMany(m => m.Manifest.Menu.Select(e => (Entry: e, m.Manifest.Texts)))
            .OrderBy(x => x.Entry.Section).ThenBy(x => x.Entry.Order).ToList();
}
