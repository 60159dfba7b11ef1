using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>
/// A manager publishes the pending draft as the next version (the old versions stay in the history), brings an
/// archived article back, archives one (hidden from readers), or deletes a draft that was never published.
/// </summary>
public sealed class PublishKbArticle(KeqingDb db, KbArticleAccess access, CurrentUser user, GetKbArticle get, TimeProvider clock)
{
    public async Task<KbArticleDto> Publish(Guid id, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        var draft = await db.Set<KbArticleVersion>().FirstOrDefaultAsync(v => v.ArticleId == id && v.PublishedAt == null, ct);
        if (draft is null && article.Status == KbStatus.Published)
            throw new ConflictException(FieldErrors.Text("There is no draft to publish: change the article first."));
        var now = clock.GetUtcNow().UtcDateTime;
        if (draft is not null)
        {
            draft.PublishedAt = now;
            draft.PublishedById = user.UserId;
            article.Title = draft.Title;
            article.Body = draft.Body;
            article.CategoryId = draft.CategoryId;
            article.Tags = draft.Tags;
            article.Audience = draft.Audience;
            article.PublishedVersion = draft.Number;
            KbRules.Index(article);
        }
        article.Status = KbStatus.Published;
        article.UpdatedAt = now;
        article.UpdatedById = user.UserId;
        await db.SaveChangesAsync(ct);
        return await get.Handle(id, ct);
    }

    public async Task<KbArticleDto> Archive(Guid id, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        if (article.Status != KbStatus.Archived)
        {
            article.Status = KbStatus.Archived;
            article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            article.UpdatedById = user.UserId;
            await db.SaveChangesAsync(ct);
        }
        return await get.Handle(id, ct);
    }

    /// <summary>Deletes an article never published; one that was is archived instead, so its history stays.</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var article = await access.Find(id, ct);
        if (article.PublishedVersion is not null)
            throw new ConflictException(FieldErrors.Text("A published article keeps its history: archive it instead."));
        db.RemoveRange(await db.Set<KbArticleVersion>().Where(v => v.ArticleId == id).ToListAsync(ct));
        db.Remove(article);
        await db.SaveChangesAsync(ct);
    }
}
