using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;

namespace Keqing.Modules.Products;

/// <summary>
/// Products and prices (DOMAIN S3): the product catalogue with its category tree, price groups of customers, and
/// price lists with validity and quantity tiers; one price for a customer × product × date × quantity.
/// </summary>
public sealed class ProductsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("products")
    {
        Texts = typeof(Resources.ProductsResource),
        DemoSeeder = typeof(Features.ProductsDemoData),
        RecordTypes = [typeof(Domain.Product), typeof(Domain.ProductCategory), typeof(Domain.PriceGroup), typeof(Domain.PriceList)],
        Capabilities =
        [
            new(ProductsCapabilities.Read, "Read products, categories and prices", [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Marketer, Roles.ServiceAgent, Roles.ServiceManager, Roles.Analyst]),
            new(ProductsCapabilities.Manage, "Create and edit products, categories, price groups and price lists; import products", [Roles.Admin]),
        ],
        Menu =
        [
            new("products", "/products", "Products", MudBlazor.Icons.Material.Filled.Inventory2, ProductsCapabilities.Read, Order: 30),
            new("price-lists", "/admin/price-lists", "Price lists", MudBlazor.Icons.Material.Filled.PriceChange, ProductsCapabilities.Manage, MenuSection.Administration, 73),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IPriceResolver, Features.PriceResolver>();
        services.AddScoped<IProductCatalog, Features.ProductCatalog>();
        services.AddScoped<Features.SaveProduct>();
        services.AddScoped<IProductImport, Features.ProductImport>();
        services.AddScoped<Features.ListProducts>();
        services.AddScoped<Features.Categories>();
        services.AddScoped<Features.PriceGroups>();
        services.AddScoped<Features.PriceLists>();
        services.AddScoped<Features.ResolvePrice>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.ProductsApi.Map(api);
}
