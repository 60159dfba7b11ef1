using Keqing.Infrastructure.Modules;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Features;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.FieldWork;

/// <summary>
/// Field work (DOMAIN C9, 外勤): visits checked in and out at customers with the location the user consents to and
/// photos, customers near a point, and a manager's view of the team's day on a list and a map.
/// </summary>
public sealed class FieldWorkModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("field")
    {
        Texts = typeof(Resources.FieldWorkResource),
        RecordTypes = [typeof(Domain.Visit), typeof(Domain.FieldSettings), typeof(Domain.Dispatch)],
        Capabilities =
        [
            new(FieldWorkCapabilities.Visit, "Check in and out at customers, add notes and photos, find customers nearby and set a customer's location",
                [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.ServiceManager, Roles.ServiceAgent]),
            new(FieldWorkCapabilities.TeamDay, "See the visits of a day of the teams one manages, on a list and a map",
                [Roles.Admin, Roles.SalesManager, Roles.ServiceManager]),
            new(FieldWorkCapabilities.Dispatchable, "Be sent to customers' sites as a technician (field dispatch)",
                [Roles.ServiceManager, Roles.ServiceAgent]),
            new(FieldWorkCapabilities.ManageSettings, "Set the map tiles' address", [Roles.Admin]),
        ],
        Menu =
        [
            new("field-nearby", "/field/nearby", "Customers near me", MudBlazor.Icons.Material.Filled.NearMe, FieldWorkCapabilities.Visit, Order: 28),
            new("field-dispatches", "/field/dispatches", "My dispatches", MudBlazor.Icons.Material.Filled.Handyman, FieldWorkCapabilities.Visit, Order: 28),
            new("field-team-day", "/field/team-day", "Team's visits", MudBlazor.Icons.Material.Filled.Map, FieldWorkCapabilities.TeamDay, Order: 29),
            new("field-settings", "/admin/field", "Map tiles", MudBlazor.Icons.Material.Filled.Layers, FieldWorkCapabilities.ManageSettings, MenuSection.Administration, 90),
        ],
        Contributions =
        [
            ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, FieldWorkPersonalData>(),
            new ServiceDescriptor(typeof(Customers.Contracts.CustomerPagePanel), new Customers.Contracts.CustomerPagePanel(typeof(Pages.CustomerVisitPanel), 20)),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<VisitTimeline>();
        services.AddScoped<VisitMapping>();
        services.AddScoped<CheckIn>();
        services.AddScoped<CheckOut>();
        services.AddScoped<VisitNotes>();
        services.AddScoped<VisitPhotos>();
        services.AddScoped<TeamDay>();
        services.AddScoped<NearbyCustomers>();
        services.AddScoped<FieldSettingsStore>();
        services.AddScoped<MapTiles>();
        services.AddScoped<DispatchMapping>();
        services.AddScoped<MyDispatches>();
        services.AddScoped<IFieldDispatch, FieldDispatch>();
        services.AddHttpClient(MapTiles.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.FieldWorkApi.Map(api);
        Api.DispatchApi.Map(api);
    }
}
