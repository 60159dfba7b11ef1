using Keqing.Infrastructure.Jobs;
using Keqing.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keqing.Infrastructure.Modules;

/// <summary>Adds a module and every part of its manifest to the app, and maps all modules' endpoints.</summary>
public static class ModuleRegistration
{
    private static readonly System.Reflection.MethodInfo AddLeasedJobMethod =
        typeof(LeasedJobRegistration).GetMethod(nameof(LeasedJobRegistration.AddLeasedJob))!;

    /// <summary>Adds the module's services, jobs, demo seeder and contributions, and lists it in the <see cref="ModuleCatalog"/>.</summary>
    public static IServiceCollection AddKeqingModule(this IServiceCollection services, IKeqingModule module, IConfiguration configuration)
    {
        if (!services.Any(d => d.ServiceType == typeof(ModuleCatalog)))
        {
            services.AddSingleton<ModuleCatalog>();
            services.AddAuthorization();
            services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, CapabilityPolicyProvider>());
        }
        services.AddSingleton(module);
        module.AddServices(services, configuration);
        var manifest = module.Manifest;
        foreach (var job in manifest.Jobs)
        {
            if (!typeof(ILeasedJob).IsAssignableFrom(job))
                throw new InvalidOperationException($"Job {job.Name} of module '{manifest.Key}' is not a leased job (IScheduledJob or IQueueJob).");
            AddLeasedJobMethod.MakeGenericMethod(job).Invoke(null, [services]);
        }
        if (manifest.DemoSeeder is { } seeder)
        {
            services.TryAddScoped(seeder);
            services.AddScoped(sp => (IDemoSeeder)sp.GetRequiredService(seeder));
        }
        foreach (var contribution in manifest.Contributions) services.Add(contribution);
        return services;
    }

    /// <summary>Maps every registered module's endpoints into <paramref name="api"/>.</summary>
    public static void MapKeqingModules(this RouteGroupBuilder api, IServiceProvider services)
    {
        foreach (var module in services.GetRequiredService<ModuleCatalog>().Modules) module.MapEndpoints(api);
    }

    /// <summary>Maps every registered module's public pages (outside <c>/api</c>) into <paramref name="app"/>.</summary>
    public static void MapKeqingModulePages(this IEndpointRouteBuilder app)
    {
        foreach (var module in app.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules) module.MapPublicPages(app);
    }
}
