using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;

namespace Keqing.Modules.Kb;

/// <summary>
/// The knowledge base (知识库, issue 16): articles in Markdown with categories, tags and versions, searched in Chinese
/// and English, counted (views, "was this helpful?"), and suggested for what a service agent types
/// (<see cref="IKnowledgeSuggestions"/>). Service agents write drafts; service managers and admins publish.
/// </summary>
public sealed class KbModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("kb")
    {
        Texts = typeof(Resources.KbResource),
        RecordTypes = [typeof(Domain.KbArticle), typeof(Domain.KbCategory)],
        Capabilities =
        [
            new(KbCapabilities.Read, "Read and search the published knowledge-base articles and say whether one helped", Roles.All.ToArray()),
            new(KbCapabilities.Write, "Write knowledge-base drafts: new articles and the next version of published ones", [Roles.Admin, Roles.ServiceManager, Roles.ServiceAgent]),
            new(KbCapabilities.Manage, "Publish, archive and delete knowledge-base articles; read every draft", [Roles.Admin, Roles.ServiceManager]),
            new(KbCapabilities.ManageCategories, "Edit the knowledge-base category tree", [Roles.Admin]),
        ],
        DemoSeeder = typeof(Features.KbDemoData),
        Menu =
        [
            new("kb", "/kb", "Knowledge base", MudBlazor.Icons.Material.Filled.MenuBook, KbCapabilities.Read, Order: 40),
            new("kb-categories", "/admin/kb-categories", "Knowledge base categories", MudBlazor.Icons.Material.Filled.AccountTree, KbCapabilities.ManageCategories,
                MenuSection.Administration, 77),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.KbArticleAccess>();
        services.AddScoped<Features.SaveKbArticle>();
        services.AddScoped<Features.PublishKbArticle>();
        services.AddScoped<Features.GetKbArticle>();
        services.AddScoped<Features.ListKbArticles>();
        services.AddScoped<Features.KbCounting>();
        services.AddScoped<Features.KbCategories>();
        services.AddScoped<IKnowledgeSuggestions, Features.KnowledgeSuggestions>();
        services.AddScoped<IPublicArticles, Features.PublicArticles>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.KbApi.Map(api);
}
