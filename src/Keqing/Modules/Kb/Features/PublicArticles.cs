using Keqing.Infrastructure.Data;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>Published public articles for customers (<see cref="IPublicArticles"/>): the published content only (a pending draft is a version row, never read here).</summary>
public sealed class PublicArticles(KeqingDb db) : IPublicArticles
{
    public const int MaxQuery = 100;

    public async Task<IReadOnlyList<PublicArticleSummary>> Search(string? q, int limit, CancellationToken ct)
    {
        var articles = Readable();
        var text = q?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Length > MaxQuery) text = text[..MaxQuery];
            var pattern = "%" + ListKbArticles.EscapeLike(text) + "%";
            articles = articles.Where(a => EF.Functions.Like(a.SearchText, pattern, "\\") || EF.Functions.Like(a.SearchTitle, pattern, "\\"));
        }
        var rows = await articles.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Take(Math.Clamp(limit, 1, 100))
            .Select(a => new { a.Id, a.Title, a.Tags, a.UpdatedAt }).ToListAsync(ct);
        return rows.Select(a => new PublicArticleSummary(a.Id, a.Title, KbRules.SplitTags(a.Tags), a.UpdatedAt)).ToList();
    }

    public async Task<PublicArticle?> Find(Guid id, CancellationToken ct)
    {
        var a = await Readable().FirstOrDefaultAsync(x => x.Id == id, ct);
        return a is null ? null : new PublicArticle(a.Id, a.Title, KbMarkdown.ToHtml(a.Body), KbRules.SplitTags(a.Tags), a.UpdatedAt);
    }

    private IQueryable<KbArticle> Readable() =>
        db.Set<KbArticle>().AsNoTracking().Where(a => a.Status == KbStatus.Published && a.Audience == KbAudience.Public && a.PublishedVersion != null);
}
