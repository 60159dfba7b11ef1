using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>One article rendered, with the caller's draft if they may see it; its version history and one version.</summary>
public sealed class GetKbArticle(KeqingDb db, KbArticleAccess access, CurrentUser user, IUserDirectory users)
{
    public async Task<KbArticleDto> Handle(Guid id, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        var draft = await db.Set<KbArticleVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.PublishedAt == null, ct);
        // A never-published article's content is its draft already: no second copy.
        if (draft is not null && (article.PublishedVersion is null || !access.SeesDraftOf(article, draft))) draft = null;
        var me = user.UserId;
        var mine = await db.Set<KbFeedback>().Where(f => f.ArticleId == id && f.UserId == me).Select(f => (bool?)f.Helpful).FirstOrDefaultAsync(ct);
        var category = article.CategoryId is { } c ? await db.Set<KbCategory>().Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var names = await users.Names(new[] { article.AuthorId, draft?.EditedById ?? article.AuthorId }.Distinct(), ct);
        return new KbArticleDto(article.Id, article.Title, article.Body, KbMarkdown.ToHtml(article.Body), article.CategoryId, category,
            KbRules.SplitTags(article.Tags), article.Audience, article.Status, article.PublishedVersion,
            draft is null ? null : new KbDraftDto(draft.Number, draft.Title, draft.Body, KbMarkdown.ToHtml(draft.Body), draft.CategoryId,
                KbRules.SplitTags(draft.Tags), draft.Audience, draft.EditedById, names.GetValueOrDefault(draft.EditedById), draft.EditedAt),
            article.AuthorId, names.GetValueOrDefault(article.AuthorId), article.CreatedAt, article.UpdatedAt, article.Views, article.HelpfulYes,
            article.HelpfulNo, mine, article.Version);
    }

    /// <summary>The versions, newest first: the published ones, and the draft for whoever may see it.</summary>
    public async Task<IReadOnlyList<KbVersionSummary>> Versions(Guid id, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        var versions = await db.Set<KbArticleVersion>().AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        versions = versions.Where(v => v.PublishedAt is not null || access.SeesDraftOf(article, v)).ToList();
        var names = await users.Names(versions.Select(v => v.EditedById).Concat(versions.Where(v => v.PublishedById != null).Select(v => v.PublishedById!.Value)).Distinct(), ct);
        return versions.Select(v => new KbVersionSummary(v.Number, v.Title, v.PublishedAt, v.PublishedById is { } p ? names.GetValueOrDefault(p) : null,
            v.EditedAt, names.GetValueOrDefault(v.EditedById))).ToList();
    }

    public async Task<KbVersionDto> Version(Guid id, int number, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        var v = await db.Set<KbArticleVersion>().AsNoTracking().FirstOrDefaultAsync(x => x.ArticleId == id && x.Number == number, ct);
        if (v is null || (v.PublishedAt is null && !access.SeesDraftOf(article, v))) throw new NotFoundException("version");
        var by = v.PublishedById is { } p ? (await users.Names([p], ct)).GetValueOrDefault(p) : null;
        return new KbVersionDto(id, v.Number, v.Title, v.Body, KbMarkdown.ToHtml(v.Body), KbRules.SplitTags(v.Tags), v.Audience, v.PublishedAt, by);
    }
}
