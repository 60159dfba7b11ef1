using Keqing.Infrastructure.Data;

namespace Keqing.Tests.Architecture;

/// <summary>
/// The module boundaries of DESIGN.md, checked on the compiled Keqing assembly (<see cref="ModuleRules"/>): a module uses
/// another only through its Contracts; Contracts hold no implementations; platform code uses no module; no cycles.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly ModuleLayout Keqing = new(typeof(KeqingDb).Assembly, "Keqing.Modules", "Keqing.Infrastructure");

    /// <summary>
    /// The one exception to "platform code uses no module": the one DbContext is an IdentityDbContext over Identity's user
    /// and role entities, so KeqingDb names those two types (and nothing else of any module).
    /// </summary>
    private static readonly Dictionary<string, string[]> KeqingDbDerivesFromIdentityDbContextOverUserAndRole = new()
    {
        ["Keqing.Infrastructure.Data.KeqingDb"] = ["Keqing.Modules.Identity.Domain.User", "Keqing.Modules.Identity.Domain.Role"],
    };

    [Fact]
    public void A_module_uses_other_modules_only_through_their_contracts() =>
        ModuleRules.ForeignInternals(Keqing).Should().BeEmpty("a module may use another only through its Contracts namespace");

    [Fact]
    public void Contracts_hold_no_implementations() =>
        ModuleRules.ImplementationsInContracts(Keqing).Should().BeEmpty(
            "Contracts hold DTOs, interfaces, events, enums and small pure helpers; an implementation goes to Features behind an interface there");

    [Fact]
    public void Infrastructure_uses_no_module_except_the_dbcontexts_identity_types() =>
        ModuleRules.InfrastructureUsingModules(Keqing, KeqingDbDerivesFromIdentityDbContextOverUserAndRole).Should().BeEmpty(
            "platform code offers interfaces that modules implement (IDemoSeeder, IFirstStartSeeder …); it names no module");

    [Fact]
    public void No_cycle_between_modules() =>
        ModuleRules.Cycles(Keqing).Should().BeEmpty("modules depend on each other in one direction only");

    [Fact]
    public void The_modules_are_found()
    {
        // Guards the rules above against passing on nothing (a renamed root namespace, a moved assembly).
        // Every module folder found in the assembly is a registered module, and there are some.
        var registered = global::Keqing.Modules.KeqingModules.All().Select(m => m.GetType().Namespace!.Split('.')[2]).Order(StringComparer.Ordinal);
        ModuleRules.Modules(Keqing).Should().Equal(registered).And.Contain(["Customers", "Identity", "Privacy"]);
        ModuleRules.DependencyGraph(Keqing).Should().ContainKey(("Timeline", "Customers"));
    }

    internal static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keqing.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Keqing.slnx not found above the test binaries.");
    }
}
