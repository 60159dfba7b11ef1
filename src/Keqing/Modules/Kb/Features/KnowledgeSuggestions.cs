using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>
/// Published articles for a free text (<see cref="IKnowledgeSuggestions"/>). The text is cut into terms — every pair of
/// neighbouring Chinese characters (Chinese has no spaces, and most words are two characters: 发票, 退货, 重置) and every
/// Latin word or model number — and an article scores two for each term in its title and one for each in its tags.
/// </summary>
public sealed class KnowledgeSuggestions(KeqingDb db) : IKnowledgeSuggestions
{
    public const int MaxText = 2000;
    public const int MaxTerms = 40;
    private const int Candidates = 300;

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "not", "does", "did", "can", "cannot", "how", "what", "when", "why", "this", "that", "from", "our", "your",
        "are", "was", "were", "has", "have", "had", "but", "his", "her", "its", "they", "them", "there", "please", "after", "before", "into",
    };

    public async Task<IReadOnlyList<KbSuggestion>> For(string? text, int limit, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 20);
        var terms = Terms(text);
        if (terms.Count == 0) return [];
        var a = Expression.Parameter(typeof(KbArticle), "a");
        var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
        Expression? any = null;
        foreach (var term in terms)
        {
            var pattern = Expression.Constant("%" + ListKbArticles.EscapeLike(term) + "%");
            foreach (var column in new[] { nameof(KbArticle.SearchTitle), nameof(KbArticle.SearchTags) })
            {
                var call = Expression.Call(like, Expression.Constant(EF.Functions), Expression.Property(a, column), pattern, Expression.Constant("\\"));
                any = any is null ? call : Expression.OrElse(any, call);
            }
        }
        var matches = Expression.Lambda<Func<KbArticle, bool>>(any!, a);
        var candidates = await db.Set<KbArticle>().AsNoTracking().Where(x => x.Status == KbStatus.Published).Where(matches)
            .OrderByDescending(x => x.UpdatedAt).Take(Candidates)
            .Select(x => new { x.Id, x.Title, x.Tags, x.SearchTitle, x.SearchTags, x.HelpfulYes, x.HelpfulNo, x.UpdatedAt })
            .ToListAsync(ct);
        return candidates
            .Select(c => (c, Score: terms.Sum(t => (c.SearchTitle.Contains(t, StringComparison.Ordinal) ? 2 : 0) + (c.SearchTags.Contains(t, StringComparison.Ordinal) ? 1 : 0))))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.c.HelpfulYes - x.c.HelpfulNo).ThenByDescending(x => x.c.UpdatedAt)
            .Take(limit)
            .Select(x => new KbSuggestion(x.c.Id, x.c.Title, KbRules.SplitTags(x.c.Tags), x.c.HelpfulYes, x.c.HelpfulNo, $"/kb/{x.c.Id}"))
            .ToList();
    }

    /// <summary>The terms of a text, lower-case, in order of appearance, each once, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var source = (text.Length > MaxText ? text[..MaxText] : text).ToLowerInvariant();
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var han = new List<Rune>();
        var word = new StringBuilder();
        void Add(string term)
        {
            if (terms.Count < MaxTerms && seen.Add(term)) terms.Add(term);
        }
        void FlushHan()
        {
            if (han.Count == 1) Add(han[0].ToString());
            for (var i = 0; i + 1 < han.Count; i++) Add(han[i].ToString() + han[i + 1]);
            han.Clear();
        }
        void FlushWord()
        {
            var w = word.ToString();
            word.Clear();
            var hasDigit = w.Any(char.IsAsciiDigit);
            if ((w.Length >= 3 || (w.Length == 2 && hasDigit)) && !EnglishStopWords.Contains(w)) Add(w);
        }
        foreach (var rune in source.EnumerateRunes())
        {
            if (IsHan(rune)) { FlushWord(); han.Add(rune); }
            else if (Rune.IsLetterOrDigit(rune) || rune.Value == '-') { FlushHan(); word.Append(rune.ToString()); }
            else { FlushHan(); FlushWord(); }
        }
        FlushHan();
        FlushWord();
        return terms;
    }

    private static bool IsHan(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter && rune.Value is >= 0x3400 and <= 0x9FFF or >= 0x20000 and <= 0x2FFFF;
}
