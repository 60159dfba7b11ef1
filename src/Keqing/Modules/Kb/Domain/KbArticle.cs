using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Kb.Contracts;

namespace Keqing.Modules.Kb.Domain;

/// <summary>
/// A knowledge-base article (知识库). Its content columns hold what readers see: the last published version, or the
/// draft while it was never published. Edits of a published article go to a draft of the next version
/// (<see cref="KbArticleVersion"/> without <c>PublishedAt</c>) and replace the content only when published.
/// </summary>
[RecordType("kb.article")]
public sealed class KbArticle : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Title { get; set; } = "";
    /// <summary>Markdown; rendered through <c>KbMarkdown</c> (sanitised) whenever shown.</summary>
    public string Body { get; set; } = "";
    public Guid? CategoryId { get; set; }
    /// <summary>The tags as <c>|tag|tag|</c>, so one tag is a LIKE of <c>%|tag|%</c>.</summary>
    public string Tags { get; set; } = "";
    public KbAudience Audience { get; set; }
    public KbStatus Status { get; set; }
    /// <summary>The number of the version readers see; null until first published.</summary>
    public int? PublishedVersion { get; set; }
    public Guid AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the article or its draft last changed (a view or a vote does not count).</summary>
    public DateTime UpdatedAt { get; set; }
    public Guid UpdatedById { get; set; }
    /// <summary>Lower-case title (search: rank title hits first, and the match for one- and two-character terms).</summary>
    public string SearchTitle { get; set; } = "";
    /// <summary>Lower-case tags as <c>|tag|tag|</c>.</summary>
    public string SearchTags { get; set; } = "";
    /// <summary>Lower-case title, tags and the body's text (Markdown marks and links removed), for substring search.</summary>
    public string SearchText { get; set; } = "";
    public int Views { get; set; }
    public int HelpfulYes { get; set; }
    public int HelpfulNo { get; set; }
    public long Version { get; set; }
}

/// <summary>A version of an article: published ones are its history; the one without <see cref="PublishedAt"/> is the pending draft (at most one).</summary>
public sealed class KbArticleVersion
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid ArticleId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid? CategoryId { get; set; }
    public string Tags { get; set; } = "";
    public KbAudience Audience { get; set; }
    public Guid EditedById { get; set; }
    public DateTime EditedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public Guid? PublishedById { get; set; }
}

/// <summary>A node of the article category tree (admin-edited).</summary>
[RecordType("kb.category")]
public sealed class KbCategory : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid? ParentId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Position among its siblings.</summary>
    public int Order { get; set; }
}

/// <summary>One person read an article on one day (their own calendar day): views count these, not page loads.</summary>
public sealed class KbView
{
    public Guid ArticleId { get; set; }
    public Guid UserId { get; set; }
    public DateOnly Day { get; set; }
}

/// <summary>One person's answer to "was this helpful?" on an article; they may change it.</summary>
public sealed class KbFeedback
{
    public Guid ArticleId { get; set; }
    public Guid UserId { get; set; }
    public bool Helpful { get; set; }
    public DateTime At { get; set; }
}
