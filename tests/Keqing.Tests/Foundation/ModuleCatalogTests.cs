using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Modules;
using Keqing.Infrastructure.Records;
using Keqing.Modules;
using Keqing.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Foundation;

/// <summary>The manifests together: one capability table, a menu that names only known capabilities, unique keys.</summary>
public sealed class ModuleCatalogTests
{
    [Fact]
    public void Every_module_of_the_app_declares_a_consistent_manifest()
    {
        var catalog = new ModuleCatalog(KeqingModules.All());
        catalog.Modules.Select(m => m.Manifest.Key).Should().OnlyHaveUniqueItems();
        catalog.Capabilities.Should().OnlyContain(c => c.Roles.Count > 0 && c.Roles.All(r => Roles.All.Contains(r)));
        catalog.Find("imports.run")!.Roles.Should().BeEquivalentTo([Roles.Admin, Roles.SalesManager, Roles.Marketer]);
        catalog.Menu.Select(m => m.Entry.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_audited_or_shared_entity_has_a_unique_stable_record_type_key_listed_in_its_modules_manifest()
    {
        var catalog = new ModuleCatalog(KeqingModules.All());
        var entities = typeof(KeqingDb).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAudited).IsAssignableFrom(t)).ToList();
        entities.Should().NotBeEmpty();
        foreach (var type in entities)
        {
            var key = RecordTypes.Find(type)?.Key;
            key.Should().NotBeNull($"{type.Name} is audited, so its audit rows need a stable key");
            catalog.FindRecordType(key!).Should().NotBeNull($"{key} must be listed in its module's manifest");
            catalog.FindRecordType(key!)!.Value.Type.Should().Be(type);
        }
        catalog.RecordTypes.Keys.Should().OnlyHaveUniqueItems().And.OnlyContain(k => !k.Any(char.IsUpper) && k.Contains('.'));
        // Rows written before keys existed name the class; they still find their record type.
        catalog.FindRecordType("Customer")!.Value.Key.Should().Be("customers.customer");
        catalog.StoredNamesOf("customers.customer").Should().Equal("customers.customer", "Customer");
    }

    [Fact]
    public void Two_modules_cannot_declare_the_same_record_type_key()
    {
        var act = () => new ModuleCatalog([
            new Module(new ModuleManifest("a") { RecordTypes = [typeof(SameKeyA)] }),
            new Module(new ModuleManifest("a2") { RecordTypes = [typeof(SameKeyB)] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*must start with 'a2.'*");
        act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { RecordTypes = [typeof(SameKeyA), typeof(SameKeyB)] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*'a.thing' is declared twice*");
    }

    [RecordType("a.thing")] private sealed class SameKeyA;
    [RecordType("a.thing")] private sealed class SameKeyB;

    [Fact]
    public void A_capability_outside_the_modules_key_a_duplicate_and_a_menu_entry_needing_an_unknown_capability_are_refused()
    {
        var act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Capabilities = [new("b.x", "", [Roles.Admin])] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*must start with 'a.'*");

        act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Capabilities = [new("a.x", "", [Roles.Admin]), new("a.x", "", [Roles.Admin])] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*declared twice*");

        act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Menu = [new("m", "/m", "M", "", "a.none")] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*unknown capability 'a.none'*");

        act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Capabilities = [new("a.x", "", [])] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*'a.x' is given to no role*");

        act = () => new ModuleCatalog([new Module(new ModuleManifest("a")), new Module(new ModuleManifest("a"))]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*Two modules have the key 'a'*");
    }

    private sealed class Module(ModuleManifest manifest) : IKeqingModule
    {
        public ModuleManifest Manifest => manifest;
        public void AddServices(IServiceCollection services, IConfiguration configuration) { }
        public void MapEndpoints(RouteGroupBuilder api) { }
    }
}
