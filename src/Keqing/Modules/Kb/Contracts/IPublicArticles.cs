namespace Keqing.Modules.Kb.Contracts;

/// <summary>A published article for customers, as a list shows it.</summary>
public sealed record PublicArticleSummary(Guid Id, string Title, IReadOnlyList<string> Tags, DateTime UpdatedAt);

/// <summary>A published article for customers, rendered to sanitised HTML.</summary>
public sealed record PublicArticle(Guid Id, string Title, string Html, IReadOnlyList<string> Tags, DateTime UpdatedAt);

/// <summary>
/// The articles customers may read (the customer portal): published, for the public audience; never a draft, an
/// internal article or an archived one. No access check beyond that.
/// </summary>
public interface IPublicArticles
{
    /// <summary>Those whose title, tags or text contain <paramref name="q"/> (all when empty), newest first.</summary>
    Task<IReadOnlyList<PublicArticleSummary>> Search(string? q, int limit, CancellationToken ct);

    /// <summary>The article, or null when there is none customers may read.</summary>
    Task<PublicArticle?> Find(Guid id, CancellationToken ct);
}
