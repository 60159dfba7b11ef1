using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;

namespace Keqing.Modules.Quotes;

/// <summary>
/// Quotes (报价, DOMAIN S3): lines priced only from the resolved price list, discounts, tax, totals exact to the fen,
/// revisions, approval through the Approvals module, a printable quote and PDF; the customer's other open quotes and
/// last prices paid beside it.
/// </summary>
public sealed class QuotesModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("quotes")
    {
        Texts = typeof(Resources.QuotesResource),
        RecordTypes = [typeof(Domain.Quote), typeof(Domain.DiscountLimit)],
        Capabilities =
        [
            new(QuotesCapabilities.Work, "Create, revise, submit and send the quotes one may see, and record the customer's answer", [Roles.Admin, Roles.SalesManager, Roles.SalesRep]),
            new(QuotesCapabilities.ManageSettings, "Set the printed quote's company header and the discount limits", [Roles.Admin]),
        ],
        Menu =
        [
            new("quotes", "/quotes", "Quotes", MudBlazor.Icons.Material.Filled.RequestQuote, QuotesCapabilities.Work, Order: 27),
            new("quote-settings", "/admin/quote-settings", "Quote settings", MudBlazor.Icons.Material.Filled.Description, QuotesCapabilities.ManageSettings, MenuSection.Administration, 75),
        ],
        Jobs = [typeof(Jobs.QuoteExpiryJob)],
        DemoSeeder = typeof(Features.QuotesDemoData),
        Contributions =
        [
            ServiceDescriptor.Scoped<Approvals.Contracts.IApprovalOutcomeHandler, Features.QuoteApprovalHandler>(),
            ServiceDescriptor.Scoped<Timeline.Contracts.IHandoverStep, Features.QuoteHandoverStep>(),
            ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, Features.QuoteMergeStep>(),
            ServiceDescriptor.Scoped<Todo.Contracts.ITodoSource, Features.QuotesTodo>(),
            new ServiceDescriptor(typeof(CollaborationTarget), CollaborationTarget.For<Domain.Quote>("quotes", QuotesCapabilities.Work)),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IQuoteReader, Features.QuoteReader>();
        services.AddScoped<Features.QuotePricing>();
        services.AddScoped<Features.QuoteTimeline>();
        services.AddScoped<Features.GetQuote>();
        services.AddScoped<Features.ListQuotes>();
        services.AddScoped<Features.SaveQuote>();
        services.AddScoped<Features.QuoteStatusFlow>();
        services.AddScoped<Features.ExpireQuotes>();
        services.AddScoped<Features.DiscountLimits>();
        // The printed quote: letterhead, printout and PDF.
        services.AddScoped<Features.QuoteLetterheads>();
        services.AddScoped<Features.QuotePrintout>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.QuotesApi.Map(api);
        Api.QuotePrintApi.Map(api);
        Api.DiscountLimitsApi.Map(api);
    }
}
