using Keqing.Infrastructure.Modules;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// Who may be sent on a field dispatch is a capability of the FieldWork manifest (<c>field.dispatchable</c>, granted to the
/// service roles), not a list of roles in the code: granting it to another role in a manifest makes that role's users
/// the technicians one can choose.
/// </summary>
public sealed class DispatchableCapabilityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>A manifest that sends sales reps, and only them.</summary>
    private sealed class RepsAsTechnicians : IKeqingModule
    {
        public ModuleManifest Manifest { get; } = new("field")
        {
            Capabilities = [new(FieldWorkCapabilities.Dispatchable, "Be sent to customers' sites as a technician (field dispatch)", [Roles.SalesRep])],
        };

        public void AddServices(IServiceCollection services, IConfiguration configuration) { }

        public void MapEndpoints(RouteGroupBuilder api) { }
    }

    [Fact]
    public async Task The_technicians_are_the_users_whose_role_holds_the_dispatchable_capability()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var agent = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var manager = await admin.CreateUser(Roles.ServiceManager, team.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        await using var scope = app.Services.CreateAsyncScope();

        scope.ServiceProvider.GetRequiredService<ModuleCatalog>().Find(FieldWorkCapabilities.Dispatchable)!.Roles
            .Should().BeEquivalentTo([Roles.ServiceAgent, Roles.ServiceManager], "the service roles by default");
        var standard = (await scope.ServiceProvider.GetRequiredService<IFieldDispatch>().Technicians(default)).Select(t => t.Id).ToList();
        standard.Should().Contain([agent.Id, manager.Id]).And.NotContain(rep.Id);

        var regranted = ActivatorUtilities.CreateInstance<FieldDispatch>(scope.ServiceProvider, new ModuleCatalog([new RepsAsTechnicians()]));
        var technicians = (await regranted.Technicians(default)).Select(t => t.Id).ToList();
        technicians.Should().Contain(rep.Id).And.NotContain([agent.Id, manager.Id]);
    }
}
