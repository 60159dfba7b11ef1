using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Features;
using Keqing.Modules.Imports.Jobs;

namespace Keqing.Modules.Imports;

/// <summary>Imports of customers from CSV and Excel files (DOMAIN A7, A6, P2): upload, preview, background run, errors download.</summary>
public sealed class ImportsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("imports")
    {
        Texts = typeof(Resources.ImportsResource),
        RecordTypes = [typeof(Domain.ImportJob)],
        Capabilities =
        [
            new(ImportsCapabilities.Run, "Upload files of customers, preview and run their import", [Roles.Admin, Roles.SalesManager, Roles.Marketer]),
            new(ImportsCapabilities.SeeAll, "See and manage everyone's imports, not only one's own", [Roles.Admin]),
        ],
        Menu = [new("imports", "/imports", "Imports", MudBlazor.Icons.Material.Filled.UploadFile, ImportsCapabilities.Run, Order: 60)],
        Jobs = [typeof(ImportWorker)],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection("Keqing:Imports"));
        services.AddScoped<ImportStore>();
        services.AddScoped<CreateImport>();
        services.AddScoped<ResumeUnfinishedImport>();
        services.AddScoped<ListImports>();
        services.AddScoped<GetImport>();
        services.AddScoped<PreviewImport>();
        services.AddScoped<ImportLimitWarnings>();
        services.AddScoped<UpdateImportMapping>();
        services.AddScoped<StartImport>();
        services.AddScoped<CancelImport>();
        services.AddScoped<ImportErrorsCsv>();
        services.AddScoped<ImportOwners>();
        services.AddScoped<ImportHousekeeping>();
        services.AddSingleton<ImportSignal>();
        services.AddSingleton<ImportRunner>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.ImportsApi.Map(api);
}
