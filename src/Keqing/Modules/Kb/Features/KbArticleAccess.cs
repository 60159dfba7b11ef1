using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;

namespace Keqing.Modules.Kb.Features;

/// <summary>
/// Which articles the caller may see: managers all of them; writers the published ones and their own drafts and
/// archived articles; everyone else only the published ones. An article one may not see is 404.
/// </summary>
public sealed class KbArticleAccess(KeqingDb db, CurrentUser user)
{
    public bool Manages => user.Can(KbCapabilities.Manage);
    public bool Writes => user.Can(KbCapabilities.Write) || Manages;

    public IQueryable<KbArticle> Visible()
    {
        var articles = db.Set<KbArticle>().AsQueryable();
        if (Manages) return articles;
        if (user.Can(KbCapabilities.Write))
        {
            var me = user.UserId;
            return articles.Where(a => a.Status == KbStatus.Published || a.AuthorId == me);
        }
        return articles.Where(a => a.Status == KbStatus.Published);
    }

    /// <summary>Whether the caller sees the draft of the next version (theirs, or any for a manager).</summary>
    public bool SeesDraftOf(KbArticle article, KbArticleVersion draft) =>
        Manages || (user.Can(KbCapabilities.Write) && (article.AuthorId == user.UserId || draft.EditedById == user.UserId));

    public async Task<KbArticle> Find(Guid id, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(Visible(), a => a.Id == id, ct)
        ?? throw new NotFoundException("article");
}
