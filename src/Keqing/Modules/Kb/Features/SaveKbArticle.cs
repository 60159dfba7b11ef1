using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>
/// Writes articles: a new one is a draft (version 1, unpublished); a change of a never-published article changes it in
/// place; a change of a published or archived article goes to the draft of the next version, while readers keep
/// reading the published one. A writer changes published articles too (that is how knowledge is corrected), but only
/// a manager publishes.
/// </summary>
public sealed class SaveKbArticle(KeqingDb db, KbArticleAccess access, CurrentUser user, GetKbArticle get, TimeProvider clock)
{
    public async Task<KbArticleDto> Create(KbArticleInput input, CancellationToken ct)
    {
        var tags = await Check(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new KbArticle
        {
            AuthorId = user.UserId, CreatedAt = now, UpdatedAt = now, UpdatedById = user.UserId, Status = KbStatus.Draft,
        };
        Apply(article, input, tags);
        db.Add(article);
        db.Add(Draft(article, article.Id, 1, now));
        await db.SaveChangesAsync(ct);
        return await get.Handle(article.Id, ct);
    }

    public async Task<KbArticleDto> Update(Guid id, long expectedVersion, KbArticleInput input, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        var tags = await Check(input, ct);
        Preconditions.ExpectVersion(db, article, expectedVersion);
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.Set<KbArticleVersion>().FirstOrDefaultAsync(v => v.ArticleId == id && v.PublishedAt == null, ct);
        if (article.PublishedVersion is null)
        {
            Apply(article, input, tags);
            if (draft is null) db.Add(Draft(article, article.Id, 1, now));
            else Copy(article, draft, now);
        }
        else
        {
            var next = new KbArticle();
            Apply(next, input, tags);
            if (draft is null) db.Add(Draft(next, article.Id, article.PublishedVersion.Value + 1, now));
            else Copy(next, draft, now);
        }
        // The article's version moves with its draft, so a second editor working from the old one gets a 412.
        article.UpdatedAt = now;
        article.UpdatedById = user.UserId;
        await db.SaveChangesAsync(ct);
        return await get.Handle(id, ct);
    }

    private KbArticleVersion Draft(KbArticle content, Guid articleId, int number, DateTime now)
    {
        var draft = new KbArticleVersion { ArticleId = articleId, Number = number };
        Copy(content, draft, now);
        return draft;
    }

    private void Copy(KbArticle content, KbArticleVersion draft, DateTime now)
    {
        draft.Title = content.Title;
        draft.Body = content.Body;
        draft.CategoryId = content.CategoryId;
        draft.Tags = content.Tags;
        draft.Audience = content.Audience;
        draft.EditedById = user.UserId;
        draft.EditedAt = now;
    }

    private static void Apply(KbArticle article, KbArticleInput input, List<string> tags)
    {
        article.Title = input.Title!.Trim();
        article.Body = input.Body ?? "";
        article.CategoryId = input.CategoryId;
        article.Tags = KbRules.JoinTags(tags);
        article.Audience = input.Audience ?? KbAudience.Internal;
        KbRules.Index(article);
    }

    private async Task<List<string>> Check(KbArticleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("title", input.Title).MaxLength("title", input.Title?.Trim(), KbRules.TitleMax)
            .MaxLength("body", input.Body, KbRules.BodyMax);
        var tags = KbRules.CleanTags(input.Tags);
        if (tags.Count > KbRules.TagsMax) errors.Add("tags", FieldErrors.Text("At most {0} tags.", KbRules.TagsMax));
        if (tags.Any(t => t.Length > KbRules.TagMax)) errors.Add("tags", FieldErrors.Text("A tag has at most {0} characters.", KbRules.TagMax));
        if (tags.Any(t => t.Contains('|'))) errors.Add("tags", FieldErrors.Text("A tag may not contain the character |."));
        if (input.CategoryId is { } category && !await db.Set<KbCategory>().AnyAsync(c => c.Id == category, ct))
            errors.Add("categoryId", FieldErrors.Text("No such category."));
        errors.ThrowIfAny();
        return tags;
    }
}
