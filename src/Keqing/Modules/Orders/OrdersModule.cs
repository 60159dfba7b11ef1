using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;

namespace Keqing.Modules.Orders;

/// <summary>
/// Orders (订单, DOMAIN S3): from an accepted quote in one click or entered directly; statuses; margin per line and
/// order; on the customer's timeline. Order lines are what value analytics read.
/// </summary>
public sealed class OrdersModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("orders")
    {
        Texts = typeof(Resources.OrdersResource),
        RecordTypes = [typeof(Domain.Order)],
        Capabilities =
        [
            new(OrdersCapabilities.Work, "Create orders and move them through their statuses, for the customers one may see", [Roles.Admin, Roles.SalesManager, Roles.SalesRep]),
        ],
        Menu =
        [
            new("orders", "/orders", "Orders", MudBlazor.Icons.Material.Filled.ShoppingCart, OrdersCapabilities.Work, Order: 28),
        ],
        DemoSeeder = typeof(Features.OrdersDemoData),
        Contributions =
        [
            ServiceDescriptor.Scoped<Timeline.Contracts.IHandoverStep, Features.OrderHandoverStep>(),
            ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, Features.OrderMergeStep>(),
            ServiceDescriptor.Scoped<Quotes.Contracts.ILastPrices, Features.LastPrices>(),
            new ServiceDescriptor(typeof(Customers.Contracts.CustomerPagePanel), new Customers.Contracts.CustomerPagePanel(typeof(Pages.CustomerOrdersPanel), 30)),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.PriceOrderLines>();
        services.AddScoped<Features.OrderTimeline>();
        services.AddScoped<Features.CreateOrder>();
        services.AddScoped<Features.GetOrder>();
        services.AddScoped<Features.ListOrders>();
        services.AddScoped<Features.SaveOrder>();
        services.AddScoped<Features.MoveOrder>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.OrdersApi.Map(api);
}
