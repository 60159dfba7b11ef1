namespace Keqing.Modules.Customers.Contracts;

/// <summary>Why two customers look like the same one: a stable code (samePhone, sameEmail, sameCreditCode, similarName) and a text.</summary>
public sealed record DuplicateReason(string Code, string Text);

/// <summary>How alike two customers are (0 to 1) and why.</summary>
public sealed record DuplicateScore(double Score, IReadOnlyList<DuplicateReason> Reasons);

/// <summary>What a duplicate check compares: the identifying fields of a customer being entered or imported.</summary>
public sealed record DuplicateProbe(string? Name, string? City = null, string? Province = null, IReadOnlyList<string>? Phones = null,
    IReadOnlyList<string>? Emails = null, string? CreditCode = null);

/// <summary>An existing customer that probably is the one checked.</summary>
public sealed record DuplicateMatch(Guid Id, string Name, string? City, Guid OwnerId, double Score, IReadOnlyList<DuplicateReason> Reasons);

/// <summary>A customer as the review queue shows one side of a pair.</summary>
public sealed record DuplicateSide(Guid Id, string Name, string? Province, string? City, Guid OwnerId, IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails, DateTime UpdatedAt);

/// <summary>A pair of likely duplicates in the review queue.</summary>
public sealed record DuplicatePairDto(Guid Id, DuplicateSide A, DuplicateSide B, double Score, IReadOnlyList<DuplicateReason> Reasons,
    DuplicateStatus Status, DateTime FoundAt);

/// <summary>Where a pair in the review queue stands.</summary>
public enum DuplicateStatus { Open = 1, Dismissed = 2, Merged = 3 }

/// <summary>What the last duplicate scan did: pairs compared (≤ 20 × customers by blocking), pairs found, blocks skipped.</summary>
public sealed record DuplicateScanResult(long Customers, long PairsCompared, int PairsFound, IReadOnlyList<string> SkippedBlocks, TimeSpan Elapsed);

/// <summary>
/// The scheduled scan as admins see it: whether a node is scanning now, when the last scan started, and the figures of
/// the last one that finished (a failed or running scan keeps the previous figures).
/// </summary>
public sealed record DuplicateScanStatus(bool Running, DateTime? LastStartedAt, DateTime? LastFinishedAt, long Customers,
    long PairsCompared, int PairsFound, IReadOnlyList<string> SkippedBlocks);

/// <summary>A merge: the other customers folded into the survivor, and for chosen fields which customer's value wins.</summary>
public sealed record MergeRequest(IReadOnlyList<Guid>? OtherIds, IReadOnlyDictionary<string, Guid>? Fields = null);

/// <summary>What a merge did: the survivor after it, the merged ids, and how many linked records each step moved.</summary>
public sealed record MergeResult(CustomerDto Survivor, IReadOnlyList<Guid> MergedIds, IReadOnlyDictionary<string, int> Moved);
