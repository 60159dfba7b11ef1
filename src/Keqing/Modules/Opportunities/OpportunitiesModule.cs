using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;

namespace Keqing.Modules.Opportunities;

/// <summary>
/// Opportunities (DOMAIN S2, S5, 商机): deals on pipelines with ordered stages, a board, stage history, the forecast,
/// and who should take a deal.
/// </summary>
public sealed class OpportunitiesModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("opportunities")
    {
        Texts = typeof(Resources.OpportunitiesResource),
        RecordTypes = [typeof(Domain.Opportunity), typeof(Domain.Pipeline), typeof(Domain.Stage), typeof(Domain.CloseReason)],
        Capabilities =
        [
            new(OpportunitiesCapabilities.Work, "Create, move, win and lose the opportunities one may see", [Roles.Admin, Roles.SalesManager, Roles.SalesRep]),
            new(OpportunitiesCapabilities.ManagePipelines, "Set up pipelines, their stages and the won and lost reasons", [Roles.Admin]),
            new(OpportunitiesCapabilities.Forecast, "Read the forecast of the opportunities one may see", [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Analyst]),
            new(OpportunitiesCapabilities.ForecastAll, "Read the forecast of every team", [Roles.Admin, Roles.Analyst]),
            new(OpportunitiesCapabilities.Assign, "See who should take a deal and give it to them", [Roles.Admin, Roles.SalesManager]),
        ],
        Menu =
        [
            new("opportunities", "/opportunities", "Opportunities", MudBlazor.Icons.Material.Filled.Handshake, OpportunitiesCapabilities.Work, Order: 26),
            new("forecast", "/forecast", "Forecast", MudBlazor.Icons.Material.Filled.QueryStats, OpportunitiesCapabilities.Forecast, Order: 81),
            new("pipelines", "/admin/pipelines", "Pipelines", MudBlazor.Icons.Material.Filled.ViewWeek, OpportunitiesCapabilities.ManagePipelines, MenuSection.Administration, 72),
        ],
        DemoSeeder = typeof(Features.OpportunitiesDemoData),
        Contributions =
        [
            ServiceDescriptor.Scoped<Timeline.Contracts.IHandoverStep, Features.OpportunityHandoverStep>(),
            ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, Features.OpportunityMergeStep>(),
            new ServiceDescriptor(typeof(CollaborationTarget), CollaborationTarget.For<Domain.Opportunity>("opportunities", OpportunitiesCapabilities.Work)),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.DefaultPipeline>();
        services.AddScoped<Features.CreateOpportunity>();
        services.AddScoped<IOpportunityCreator>(sp => sp.GetRequiredService<Features.CreateOpportunity>());
        services.AddScoped<Features.OpportunityTimeline>();
        services.AddScoped<Features.OwnerCheck>();
        services.AddScoped<Features.OpportunityFilter>();
        services.AddScoped<Features.OpportunityMapping>();
        services.AddScoped<Features.Pipelines>();
        services.AddScoped<Features.CloseReasons>();
        services.AddScoped<Features.ListOpportunities>();
        services.AddScoped<Features.GetOpportunity>();
        services.AddScoped<Features.SaveOpportunity>();
        services.AddScoped<Features.MoveOpportunity>();
        services.AddScoped<Features.CloseOpportunity>();
        services.AddScoped<Features.OpportunityBoard>();
        services.AddScoped<Features.ForecastFilter>();
        services.AddScoped<Features.GetForecast>();
        services.AddScoped<Features.ForecastOpportunities>();
        services.AddScoped<Features.RecommendReps>();
        services.AddScoped<Features.AssignOpportunity>();
        services.AddScoped<IOpportunityLookup, Features.OpportunityLookup>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.OpportunitiesApi.Map(api);
        Api.ForecastApi.Map(api);
        Api.AssignmentApi.Map(api);
    }
}
