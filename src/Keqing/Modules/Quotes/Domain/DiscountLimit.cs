using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Quotes.Domain;

/// <summary>
/// The largest discount (percent) a role, or one user (overriding their roles), may give on a quote without an
/// approval. A discount above it is never approved unseen (<c>QuoteStatusFlow</c>, the approval engine's safety step).
/// </summary>
[RecordType("quotes.discount-limit")]
public sealed class DiscountLimit : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The role the limit is for; null for a user's own limit.</summary>
    public string? Role { get; set; }
    /// <summary>The user the limit is for (overrides their roles' limits); null for a role's limit.</summary>
    public Guid? UserId { get; set; }
    /// <summary>The largest discount in percent; null: no limit (a user's override that lifts their role's limit).</summary>
    public decimal? MaxPercent { get; set; }
}

/// <summary>The version of the whole set of discount limits (one row): the admin saves them together, with If-Match.</summary>
public sealed class DiscountLimitSet : IVersioned
{
    public const int TheId = 1;

    public int Id { get; set; } = TheId;
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
