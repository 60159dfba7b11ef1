using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Keqing.Tests.Architecture;

/// <summary>
/// Where the modules and the platform code of one compiled assembly live: modules are the namespaces
/// <c>{ModulesRoot}.{Module}</c>, platform code is under <see cref="InfrastructureRoot"/>.
/// </summary>
public sealed record ModuleLayout(Assembly Assembly, string ModulesRoot, string InfrastructureRoot);

/// <summary>
/// The module-boundary rules of DESIGN.md, read off the compiled IL (signatures, fields, attributes and method bodies,
/// lambdas and async state machines included) with NetArchTest. Each rule returns its violations as stable strings, so
/// a failing test names each one; a nested or compiler-generated type is reported as its outermost type.
/// </summary>
public static class ModuleRules
{
    /// <summary>The parts of a module no other module and no Contracts type may use.</summary>
    public static readonly string[] InternalParts = ["Features", "Domain", "Data", "Api", "Jobs", "Pages"];

    /// <summary>The one DbContext and EF Core's base class: a Contracts type that needs them is an implementation.</summary>
    public static readonly string[] DatabaseTypes = ["Keqing.Infrastructure.Data.KeqingDb", "Microsoft.EntityFrameworkCore.DbContext"];

    /// <summary>The modules: the namespaces right under the modules root that hold types.</summary>
    public static IReadOnlyList<string> Modules(ModuleLayout layout) =>
        [.. layout.Assembly.GetTypes().Select(t => t.Namespace ?? "")
            .Where(ns => ns.StartsWith(layout.ModulesRoot + ".", StringComparison.Ordinal))
            .Select(ns => ns[(layout.ModulesRoot.Length + 1)..].Split('.')[0])
            .Distinct().Order(StringComparer.Ordinal)];

    /// <summary>(a) A module uses another module only through that module's Contracts namespace.</summary>
    public static IReadOnlyList<string> ForeignInternals(ModuleLayout layout)
    {
        var modules = Modules(layout);
        var violations = new List<string>();
        foreach (var module in modules)
            foreach (var other in modules.Where(m => m != module))
            {
                var forbidden = NotContracts(layout, other);
                if (forbidden.Length == 0) continue;
                violations.AddRange(TypesIn(layout, $"{layout.ModulesRoot}.{module}").HaveDependencyOnAny(forbidden).GetTypes()
                    .Select(t => $"internals: {Outermost(t)} uses {other}'s internals"));
            }
        return Sorted(violations);
    }

    /// <summary>
    /// (b) Contracts hold DTOs, interfaces, events, enums and small pure helpers: no Contracts type depends on the
    /// database context or on any module's Features, Domain, Data, Api, Jobs or Pages.
    /// </summary>
    public static IReadOnlyList<string> ImplementationsInContracts(ModuleLayout layout)
    {
        var modules = Modules(layout);
        string[] forbidden = [.. DatabaseTypes, .. modules.SelectMany(m => InternalParts.Select(p => $"{layout.ModulesRoot}.{m}.{p}"))];
        return Sorted(modules.SelectMany(m => TypesIn(layout, $"{layout.ModulesRoot}.{m}.Contracts").HaveDependencyOnAny(forbidden).GetTypes())
            .Select(t => $"contracts: {Outermost(t)}"));
    }

    /// <summary>
    /// (c) Platform code uses no module, except the module types <paramref name="exceptions"/> grants a platform type
    /// (full type name to the full names of the module types it may use).
    /// </summary>
    public static IReadOnlyList<string> InfrastructureUsingModules(ModuleLayout layout, IReadOnlyDictionary<string, string[]> exceptions)
    {
        var violations = new List<string>();
        var moduleTypes = layout.Assembly.GetTypes().Where(t => !t.IsNested && InNamespace(t, layout.ModulesRoot))
            .Select(t => t.FullName!).ToList();
        foreach (var module in Modules(layout))
        {
            var users = TypesIn(layout, layout.InfrastructureRoot).HaveDependencyOn($"{layout.ModulesRoot}.{module}").GetTypes()
                .Select(Outermost).Distinct();
            foreach (var user in users)
            {
                if (!exceptions.TryGetValue(user, out var allowed))
                {
                    violations.Add($"infrastructure: {user} uses {module}");
                    continue;
                }
                // An excepted type may use exactly the granted types of this module, nothing else of it.
                string[] others = [.. moduleTypes.Where(n => n.StartsWith($"{layout.ModulesRoot}.{module}.", StringComparison.Ordinal) && !allowed.Contains(n))];
                if (others.Length > 0 && TypesNamed(layout, user).HaveDependencyOnAny(others).GetTypes().Any())
                    violations.Add($"infrastructure: {user} uses {module} beyond its exception");
            }
        }
        return Sorted(violations);
    }

    /// <summary>Which modules each module uses (any of its types, any of theirs), with a type that shows it.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> DependencyGraph(ModuleLayout layout)
    {
        var modules = Modules(layout);
        var edges = new Dictionary<(string, string), string>();
        foreach (var module in modules)
            foreach (var other in modules.Where(m => m != module))
                if (TypesIn(layout, $"{layout.ModulesRoot}.{module}").HaveDependencyOn($"{layout.ModulesRoot}.{other}").GetTypes()
                        .Select(Outermost).Order(StringComparer.Ordinal).FirstOrDefault() is { } witness)
                    edges[(module, other)] = witness;
        return edges;
    }

    /// <summary>(d) No cycle between modules: each group of modules that reach each other, as "cycle: A, B".</summary>
    public static IReadOnlyList<string> Cycles(ModuleLayout layout)
    {
        var modules = Modules(layout);
        var edges = DependencyGraph(layout).Keys.ToHashSet();
        var reach = modules.ToDictionary(m => m, m => Reachable(m, edges));
        return Sorted(modules
            .Select(m => modules.Where(o => o == m || (reach[m].Contains(o) && reach[o].Contains(m))).ToList())
            .Where(group => group.Count > 1)
            .Select(group => "cycle: " + string.Join(", ", group))
            .Distinct());
    }

    private static HashSet<string> Reachable(string from, HashSet<(string From, string To)> edges)
    {
        var seen = new HashSet<string>();
        var todo = new Stack<string>([from]);
        while (todo.TryPop(out var m))
            foreach (var (_, to) in edges.Where(e => e.From == m))
                if (seen.Add(to)) todo.Push(to);
        return seen;
    }

    /// <summary>Everything of a module except its Contracts: its other namespaces and the types right in its root.</summary>
    private static string[] NotContracts(ModuleLayout layout, string module)
    {
        var root = $"{layout.ModulesRoot}.{module}";
        var contracts = root + ".Contracts";
        return [.. layout.Assembly.GetTypes().Where(t => !t.IsNested && InNamespace(t, root) && !InNamespace(t, contracts))
            .Select(t => t.Namespace == root ? t.FullName! : t.Namespace!).Distinct()];
    }

    private static readonly ConcurrentDictionary<Assembly, Types> Loaded = new();

    /// <summary>The assembly read once (Cecil); each rule filters the same type list.</summary>
    private static Types All(ModuleLayout layout) => Loaded.GetOrAdd(layout.Assembly, a => Types.InAssembly(a));

    private static Predicates TypesIn(ModuleLayout layout, string ns) =>
        All(layout).That().ResideInNamespaceMatching($"^{Regex.Escape(ns)}(\\.|$)").And();

    private static Predicates TypesNamed(ModuleLayout layout, string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return All(layout).That().ResideInNamespaceMatching($"^{Regex.Escape(fullName[..dot])}$")
            .And().HaveName(fullName[(dot + 1)..]).And();
    }

    private static bool InNamespace(Type t, string ns) =>
        t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    private static string Outermost(Type t)
    {
        while (t.DeclaringType is { } outer) t = outer;
        return t.FullName!;
    }

    private static List<string> Sorted(IEnumerable<string> items) => [.. items.Distinct().Order(StringComparer.Ordinal)];
}
