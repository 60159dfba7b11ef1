using Keqing.Infrastructure.Modules;
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
    public void A_capability_outside_the_modules_key_a_duplicate_and_a_menu_entry_needing_an_unknown_capability_are_refused()
    {
        var act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Capabilities = [new("b.x", "", [Roles.Admin])] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*must start with 'a.'*");

        act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Capabilities = [new("a.x", "", [Roles.Admin]), new("a.x", "", [Roles.Admin])] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*declared twice*");

        act = () => new ModuleCatalog([new Module(new ModuleManifest("a") { Menu = [new("m", "/m", "M", "", "a.none")] })]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*unknown capability 'a.none'*");

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
