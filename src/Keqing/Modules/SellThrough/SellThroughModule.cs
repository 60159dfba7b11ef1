using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.SellThrough;

/// <summary>
/// The distributors' sales database (进销存, DOMAIN S4): monthly opening stock, purchases, sales and closing stock per
/// distributor × product, from a form, an import or the API; trends with months of stock, a heat map, and alerts when
/// sell-out falls, stock piles up or a distributor does not report.
/// </summary>
public sealed class SellThroughModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("sellthrough")
    {
        Texts = typeof(Resources.SellThroughResource),
        RecordTypes = [typeof(Domain.SellThroughSettings)],
        Capabilities =
        [
            new(SellThroughCapabilities.Report, "Enter, import and send distributors' monthly sales reports; read their trends and alerts", [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Analyst]),
            new(SellThroughCapabilities.Analyse, "Read the heat map of months of stock across all distributors", [Roles.Admin, Roles.SalesManager, Roles.Analyst]),
            new(SellThroughCapabilities.ManageSettings, "Set the sell-through alert limits", [Roles.Admin]),
            new(SellThroughCapabilities.ScanAlerts, "Run the sell-through alert scan now", [Roles.Admin, Roles.SalesManager]),
        ],
        Jobs = [typeof(Jobs.SellThroughAlertJob)],
        DemoSeeder = typeof(Features.SellThroughDemoData),
        Menu =
        [
            new("sell-through", "/sell-through", "Sell-through", MudBlazor.Icons.Material.Filled.Warehouse, SellThroughCapabilities.Report, Order: 29),
            new("sell-through-heatmap", "/sell-through/heatmap", "Stock heat map", MudBlazor.Icons.Material.Filled.GridOn, SellThroughCapabilities.Analyse, Order: 82),
            new("sell-through-alerts", "/sell-through/alerts", "Sell-through alerts", MudBlazor.Icons.Material.Filled.NotificationImportant, SellThroughCapabilities.Report, Order: 30),
            new("sell-through-settings", "/admin/sell-through-settings", "Sell-through alert settings", MudBlazor.Icons.Material.Filled.Tune, SellThroughCapabilities.ManageSettings, MenuSection.Administration, 76),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.SellThroughUpsert>();
        services.AddScoped<Features.SellThroughSummary>();
        services.AddScoped<Features.SellThroughKeys>();
        services.AddScoped<Features.ReportSellThrough>();
        services.AddScoped<Features.ListSellThrough>();
        services.AddScoped<Features.SellThroughForm>();
        services.AddScoped<ISellThroughImport, Features.SellThroughImport>();
        services.AddScoped<Features.SellThroughSettingsStore>();
        services.AddScoped<Features.SellThroughTrend>();
        services.AddScoped<Features.SellThroughHeatmap>();
        services.AddScoped<Features.ListSellThroughAlerts>();
        services.AddScoped<Features.ScanSellThroughAlerts>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.SellThroughApi.Map(api);
        Api.SellThroughAnalyticsApi.Map(api);
    }
}
