using System.Text.Json.Serialization;

namespace Keqing.Modules.Kb.Contracts;

/// <summary>Who an article is for: the company's own staff, or also the customers (the customer portal, later).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KbAudience>))]
public enum KbAudience { Internal, Public }

/// <summary>An article's life: a draft until first published; archived ones are hidden from readers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KbStatus>))]
public enum KbStatus { Draft, Published, Archived }

/// <summary>What a writer sends to create an article or change its draft.</summary>
public sealed record KbArticleInput(string? Title, string? Body, Guid? CategoryId, IReadOnlyList<string>? Tags, KbAudience? Audience);

/// <summary>An article as the list shows it.</summary>
public sealed record KbArticleSummary(Guid Id, string Title, Guid? CategoryId, string? Category, IReadOnlyList<string> Tags, KbAudience Audience,
    KbStatus Status, int? PublishedVersion, bool HasDraft, int Views, int HelpfulYes, int HelpfulNo, DateTime UpdatedAt);

/// <summary>
/// One article: the published content (for a never-published draft, the draft's), rendered to sanitised HTML; for a
/// writer, the pending draft of the next version too. <see cref="MyHelpful"/> is the caller's own answer, if any.
/// </summary>
public sealed record KbArticleDto(Guid Id, string Title, string Body, string Html, Guid? CategoryId, string? Category, IReadOnlyList<string> Tags,
    KbAudience Audience, KbStatus Status, int? PublishedVersion, KbDraftDto? Draft, Guid AuthorId, string? Author, DateTime CreatedAt,
    DateTime UpdatedAt, int Views, int HelpfulYes, int HelpfulNo, bool? MyHelpful, long Version);

/// <summary>The edits waiting to become the next version.</summary>
public sealed record KbDraftDto(int Number, string Title, string Body, string Html, Guid? CategoryId, IReadOnlyList<string> Tags, KbAudience Audience,
    Guid EditedById, string? EditedBy, DateTime EditedAt);

/// <summary>A line of an article's version history (a draft has no <see cref="PublishedAt"/>).</summary>
public sealed record KbVersionSummary(int Number, string Title, DateTime? PublishedAt, string? PublishedBy, DateTime EditedAt, string? EditedBy);

/// <summary>One version as it was published.</summary>
public sealed record KbVersionDto(Guid ArticleId, int Number, string Title, string Body, string Html, IReadOnlyList<string> Tags, KbAudience Audience,
    DateTime? PublishedAt, string? PublishedBy);

/// <summary>The caller's answer to "was this helpful?".</summary>
public sealed record KbHelpfulInput(bool? Helpful);

/// <summary>The counts after the caller's answer.</summary>
public sealed record KbHelpfulDto(int HelpfulYes, int HelpfulNo, bool MyHelpful);

/// <summary>A node of the category tree.</summary>
public sealed record KbCategoryDto(Guid Id, Guid? ParentId, string Name, int Order, int Articles, int Children);

/// <summary>What an admin sends to create or change a category.</summary>
public sealed record KbCategoryInput(string? Name, Guid? ParentId, int? Order);

/// <summary>An article that may answer what someone wrote.</summary>
public sealed record KbSuggestion(Guid Id, string Title, IReadOnlyList<string> Tags, int HelpfulYes, int HelpfulNo, string Url);
