using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;

namespace Keqing.Modules.Pools;

/// <summary>
/// Customer pools (公海, DOMAIN C1): customers nobody follows up return to a pool by per-grade rules, their owners warned
/// first; members claim them within a daily quota, pool administrators assign them, owners release them; locked and
/// won customers never move; every move is history on the customer (ADR 0080).
/// </summary>
public sealed class PoolsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("pools")
    {
        Texts = typeof(Resources.PoolsResource),
        RecordTypes = [typeof(Domain.Pool), typeof(Domain.CustomerLimit)],
        Capabilities =
        [
            new(PoolsCapabilities.Manage, "Create customer pools and set their members, administrators, recycle rules, claim quota and reclaim wait", [Roles.Admin]),
        ],
        Jobs = [typeof(Jobs.PoolRecycleJob)],
        Menu =
        [
            new("pools", "/pools", "Customer pools", MudBlazor.Icons.Material.Filled.Waves, Order: 22),
            new("pools-admin", "/admin/pools", "Pool settings", MudBlazor.Icons.Material.Filled.Waves, PoolsCapabilities.Manage, MenuSection.Administration, 77),
        ],
        Contributions =
        [
            new ServiceDescriptor(typeof(Customers.Contracts.CustomerPagePanel), new Customers.Contracts.CustomerPagePanel(typeof(Pages.PoolPanel), 10)),
            ServiceDescriptor.Scoped<Customers.Contracts.ICustomerLimits>(sp => sp.GetRequiredService<Features.CustomerLimits>()),
            ServiceDescriptor.Scoped<Timeline.Contracts.IHandoverStep, Features.PoolsHandoverStep>(),
            ServiceDescriptor.Scoped<Todo.Contracts.ITodoSource, Features.PoolsTodo>(),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.Pools>();
        services.AddScoped<Features.PoolTimeline>();
        services.AddScoped<Features.PoolMoves>();
        services.AddScoped<Features.ListPoolCustomers>();
        services.AddScoped<Features.ClaimCustomers>();
        services.AddScoped<Features.ReleaseCustomer>();
        services.AddScoped<Features.LockCustomer>();
        services.AddScoped<Features.RecycleCustomers>();
        services.AddScoped<Features.RecycleWarnings>();
        services.AddScoped<Features.CustomerLimits>();
        services.AddScoped<Features.CustomerPoolPanel>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.PoolsApi.Map(api);
        Api.CustomerLimitsApi.Map(api);
    }
}
