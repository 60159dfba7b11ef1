using System.Text.Json.Serialization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>What the article list is filtered by.</summary>
public sealed record KbArticleQuery(string? Q, Guid? CategoryId, string? Tag, KbStatus? Status);

/// <summary>
/// The articles the caller may see, searched in Chinese or English and keyset-paged. A term of three characters or
/// more is a substring of the title, the tags or the body's text (the trigram index on PostgreSQL, as customer
/// search); one or two characters — a Chinese word such as 发票 — match the title and tags only, which no trigram
/// serves. Title hits come first, then tag hits, then body hits; newest first within each. Each rank is its own query
/// that stops at the page's size (PostgreSQL walks the newest articles or the title/tags/text trigram index, whichever
/// the pattern's estimate favours), so a common word costs a page, not a sort of every article that contains it.
/// </summary>
public sealed class ListKbArticles(KeqingDb db, KbArticleAccess access)
{
    public const int MaxTerm = 100;

    /// <summary>The cursor: the last row's rank, time and id.</summary>
    public sealed record Cursor([property: JsonPropertyName("r")] int Rank, [property: JsonPropertyName("u")] DateTime UpdatedAt, [property: JsonPropertyName("i")] Guid Id);

    public async Task<Page<KbArticleSummary>> Handle(KbArticleQuery query, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Decode<Cursor>(after);
        var q = Term(query.Q);
        var articles = access.Visible();
        if (query.Status is { } status) articles = articles.Where(a => a.Status == status);
        if (query.CategoryId is { } category)
        {
            var tree = await db.Set<KbCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
            var ids = KbCategories.Subtree(category, tree.Select(c => (c.Id, c.ParentId))).ToArray();
            articles = articles.Where(a => a.CategoryId != null && ids.Contains(a.CategoryId.Value));
        }
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            if (query.Tag.Length > MaxTerm) throw new ValidationFailedException("tag", FieldErrors.Text("At most {0} characters (got {1}).", MaxTerm, query.Tag.Length));
            var tag = "%|" + EscapeLike(query.Tag.Trim().ToLowerInvariant()) + "|%";
            articles = articles.Where(a => EF.Functions.Like(a.SearchTags, tag, "\\"));
        }

        // One query per rank (title, then tags, then body text), each newest first and stopping at the page's size:
        // an index walk or a trigram scan per rank, never a ranking of every match.
        var pattern = q is null ? null : "%" + EscapeLike(q) + "%";
        var ranks = q is null ? 1 : q.EnumerateRunes().Count() < 3 ? 2 : 3;
        var rows = await CustomPlans.Run(db, async () =>
        {
            var found = new List<Row>();
            for (var rank = cursor?.Rank ?? 0; rank < ranks && found.Count <= take; rank++)
            {
                var stage = pattern is { } p ? Ranked(articles, rank, p) : articles;
                if (cursor is not null && cursor.Rank == rank)
                    stage = stage.Where(a => a.UpdatedAt < cursor.UpdatedAt || (a.UpdatedAt == cursor.UpdatedAt && a.Id.CompareTo(cursor.Id) < 0));
                found.AddRange(await stage.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(take + 1 - found.Count)
                    .Select(a => new Row(rank, a.Id, a.Title, a.CategoryId, a.Tags, a.Audience, a.Status, a.PublishedVersion, a.Views, a.HelpfulYes,
                        a.HelpfulNo, a.UpdatedAt))
                    .AsNoTracking().ToListAsync(ct));
            }
            return found;
        }, ct);
        var result = Paging.ToPage(rows, take, r => new Cursor(r.Rank, r.UpdatedAt, r.Id));
        return new Page<KbArticleSummary>(await Summaries(result.Items, ct), result.Next);
    }

    /// <summary>The articles of one rank: the title matches; the tags but not the title; the text (body) only.</summary>
    private static IQueryable<KbArticle> Ranked(IQueryable<KbArticle> articles, int rank, string pattern) => rank switch
    {
        0 => articles.Where(a => EF.Functions.Like(a.SearchTitle, pattern, "\\")),
        1 => articles.Where(a => !EF.Functions.Like(a.SearchTitle, pattern, "\\") && EF.Functions.Like(a.SearchTags, pattern, "\\")),
        _ => articles.Where(a => !EF.Functions.Like(a.SearchTitle, pattern, "\\") && !EF.Functions.Like(a.SearchTags, pattern, "\\")
            && EF.Functions.Like(a.SearchText, pattern, "\\")),
    };

    private async Task<IReadOnlyList<KbArticleSummary>> Summaries(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var drafts = access.Writes
            ? (await db.Set<KbArticleVersion>().Where(v => ids.Contains(v.ArticleId) && v.PublishedAt == null).Select(v => v.ArticleId).ToListAsync(ct)).ToHashSet()
            : [];
        var categoryIds = rows.Where(r => r.CategoryId != null).Select(r => r.CategoryId!.Value).Distinct().ToList();
        var categories = await db.Set<KbCategory>().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => new KbArticleSummary(r.Id, r.Title, r.CategoryId, r.CategoryId is { } c ? categories.GetValueOrDefault(c) : null,
            KbRules.SplitTags(r.Tags), r.Audience, r.Status, r.PublishedVersion, r.PublishedVersion is not null && drafts.Contains(r.Id), r.Views,
            r.HelpfulYes, r.HelpfulNo, r.UpdatedAt)).ToList();
    }

    /// <summary>The search term, lower-case, or null for none; longer than <see cref="MaxTerm"/> is a 400.</summary>
    public static string? Term(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var term = q.Trim();
        if (term.Length > MaxTerm) throw new ValidationFailedException("q", FieldErrors.Text("At most {0} characters (got {1}).", MaxTerm, term.Length));
        return term.ToLowerInvariant();
    }

    public static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed record Row(int Rank, Guid Id, string Title, Guid? CategoryId, string Tags, KbAudience Audience, KbStatus Status,
        int? PublishedVersion, int Views, int HelpfulYes, int HelpfulNo, DateTime UpdatedAt);
}
