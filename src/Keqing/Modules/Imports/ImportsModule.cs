using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Imports.Features;
using Keqing.Modules.Imports.Jobs;

namespace Keqing.Modules.Imports;

/// <summary>Imports of customers from CSV and Excel files (DOMAIN A7, A6, P2): upload, preview, background run, errors download.</summary>
public static class ImportsModule
{
    public static IServiceCollection AddImportsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection("Keqing:Imports"));
        services.AddScoped<ImportStore>();
        services.AddScoped<ImportService>();
        services.AddSingleton<ImportSignal>();
        services.AddSingleton<ImportRunner>();
        services.AddLeasedJob<ImportWorker>();
        return services;
    }

    public static void MapImportsModule(this RouteGroupBuilder api) => Api.ImportsApi.Map(api);
}
