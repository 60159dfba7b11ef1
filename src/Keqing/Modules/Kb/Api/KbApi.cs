using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Features;

namespace Keqing.Modules.Kb.Api;

/// <summary>The knowledge base: articles (search, drafts, versions, publishing), views and votes, categories, suggestions.</summary>
public static class KbApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var kb = api.MapGroup("/kb").WithTags("Knowledge base").RequireAuthorization(KbCapabilities.Read);

        var articles = kb.MapGroup("/articles");
        articles.MapGet("", (string? q, Guid? categoryId, string? tag, string? status, int? limit, string? after, ListKbArticles handler, CancellationToken ct) =>
                handler.Handle(new KbArticleQuery(q, categoryId, tag, QueryValues.Enum<KbStatus>(status, "status")), limit, after, ct))
            .WithSummary("The articles the caller may see (readers: published only), searched by q in Chinese or English — title hits first, then tags, then body — keyset-paged; filters categoryId (with its subcategories), tag, status.");
        articles.MapPost("", async (KbArticleInput input, SaveKbArticle handler, HttpResponse response, CancellationToken ct) =>
        {
            var article = await handler.Create(input, ct);
            Preconditions.SetETag(response, article.Version);
            return TypedResults.Created($"/api/kb/articles/{article.Id}", article);
        }).RequireAuthorization(KbCapabilities.Write).WithIdempotency().WithSummary("A new article, as a draft (version 1) until a manager publishes it.");
        articles.MapGet("/{id:guid}", async (Guid id, GetKbArticle handler, KbCounting counting, HttpResponse response, CancellationToken ct) =>
        {
            await counting.View(id, ct);
            var article = await handler.Handle(id, ct);
            Preconditions.SetETag(response, article.Version);
            return TypedResults.Ok(article);
        }).WithSummary("One article rendered to sanitised HTML, with its counts and, for its writers and managers, the draft of the next version; counts the caller's view once a day.");
        articles.MapPut("/{id:guid}", async (Guid id, KbArticleInput input, SaveKbArticle handler, HttpContext http, CancellationToken ct) =>
        {
            var article = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, article.Version);
            return TypedResults.Ok(article);
        }).RequireAuthorization(KbCapabilities.Write)
            .WithSummary("Changes a draft (If-Match); for a published article, the draft of the next version, while readers keep the published one.");
        articles.MapDelete("/{id:guid}", async (Guid id, PublishKbArticle handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(KbCapabilities.Manage).WithSummary("Deletes an article never published (409 for one that was: archive it).");
        articles.MapPost("/{id:guid}/publish", async (Guid id, PublishKbArticle handler, HttpResponse response, CancellationToken ct) =>
        {
            var article = await handler.Publish(id, ct);
            Preconditions.SetETag(response, article.Version);
            return TypedResults.Ok(article);
        }).RequireAuthorization(KbCapabilities.Manage).WithSummary("Publishes the draft as the next version, or brings an archived article back.");
        articles.MapPost("/{id:guid}/archive", async (Guid id, PublishKbArticle handler, HttpResponse response, CancellationToken ct) =>
        {
            var article = await handler.Archive(id, ct);
            Preconditions.SetETag(response, article.Version);
            return TypedResults.Ok(article);
        }).RequireAuthorization(KbCapabilities.Manage).WithSummary("Archives the article: readers no longer find it; its history stays.");
        articles.MapGet("/{id:guid}/versions", (Guid id, GetKbArticle handler, CancellationToken ct) => handler.Versions(id, ct))
            .WithSummary("The version history, newest first (the pending draft too, for its writers and managers).");
        articles.MapGet("/{id:guid}/versions/{number:int}", (Guid id, int number, GetKbArticle handler, CancellationToken ct) => handler.Version(id, number, ct))
            .WithSummary("One version as it was published, rendered.");
        articles.MapPost("/{id:guid}/helpful", (Guid id, KbHelpfulInput input, KbCounting handler, CancellationToken ct) => handler.Helpful(id, input, ct))
            .WithSummary("The caller's answer to \"was this helpful?\" (true or false; a second answer replaces the first); returns the counts.");

        kb.MapGet("/suggestions", (string? text, int? limit, IKnowledgeSuggestions suggestions, CancellationToken ct) =>
                suggestions.For(text, limit ?? 5, ct))
            .WithSummary("Published articles that may answer a free text (what an agent is typing about a case), best first.");

        var categories = kb.MapGroup("/categories");
        categories.MapGet("", (KbCategories handler, CancellationToken ct) => handler.List(ct)).WithSummary("The category tree, flat, in order.");
        categories.MapPost("", async (KbCategoryInput input, KbCategories handler, CancellationToken ct) =>
        {
            var category = await handler.Create(input, ct);
            return TypedResults.Created($"/api/kb/categories/{category.Id}", category);
        }).RequireAuthorization(KbCapabilities.ManageCategories).WithIdempotency();
        categories.MapPut("/{id:guid}", (Guid id, KbCategoryInput input, KbCategories handler, CancellationToken ct) => handler.Update(id, input, ct))
            .RequireAuthorization(KbCapabilities.ManageCategories);
        categories.MapDelete("/{id:guid}", async (Guid id, KbCategories handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(KbCapabilities.ManageCategories).WithSummary("Deletes an empty category.");
    }
}
