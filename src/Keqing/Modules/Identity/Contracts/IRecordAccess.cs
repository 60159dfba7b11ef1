namespace Keqing.Modules.Identity.Contracts;

/// <summary>A share of one record with a team or one user.</summary>
public sealed record ShareDto(Guid Id, Guid? TeamId, Guid? UserId, bool CanWrite, DateTime? Until, DateTime CreatedAt);

/// <summary>What a share request sends: exactly one of teamId and userId.</summary>
public sealed record ShareRequest(Guid? TeamId, Guid? UserId, bool CanWrite = false, DateTime? Until = null);

/// <summary>What the acting user may see: their own records, their managed teams', and what is shared with them.</summary>
public sealed record AccessScope(Guid UserId, bool IsAdmin, Guid? TeamId, IReadOnlyList<Guid> ManagedTeamIds);

/// <summary>
/// Record-level access (DOMAIN P5) for every <see cref="IOwnedRecord"/>: a SalesRep sees what they own and what is
/// shared with them or their team; a manager also sees the records of the teams they manage; Admin sees all.
/// Every list, search, count and get goes through <see cref="Visible{T}"/>, so an invisible record never shows.
/// </summary>
public interface IRecordAccess
{
    /// <summary>Who the acting user is and which teams' records they see.</summary>
    Task<AccessScope> ScopeAsync(CancellationToken ct);

    /// <summary>The scope of another user with these roles (an import judged for its creator, whoever runs it).</summary>
    Task<AccessScope> ScopeOf(Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct);

    /// <summary>The records of <paramref name="query"/> the acting user may see.</summary>
    Task<IQueryable<T>> Visible<T>(IQueryable<T> query, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>
    /// The records of <paramref name="query"/> that others own and that are shared with the acting user or their team,
    /// the share not ended ("shared with me", 共享给我的).
    /// </summary>
    Task<IQueryable<T>> SharedWithMe<T>(IQueryable<T> query, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>The visible record with this id, or 404 (never saying whether it exists).</summary>
    Task<T> FindVisible<T>(IQueryable<T> query, Guid id, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>Whether the acting user may change this (visible) record: owner, team manager, admin or a read-write share.</summary>
    Task<bool> CanWrite<T>(T record, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>Throws 403 unless the acting user may change the record.</summary>
    Task EnsureCanWrite<T>(T record, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>The shares of one record.</summary>
    Task<IReadOnlyList<ShareDto>> SharesOf<T>(Guid recordId, CancellationToken ct) where T : IOwnedRecord;

    /// <summary>
    /// Shares a record the acting user owns, or whose team they manage (or any, for an admin), with a team or one user (a collaborator, DOMAIN C2), read-only or
    /// read-write, optionally until a date; saved with the caller's SaveChanges. A record has at most one share per
    /// grantee: asking again gives that share (<c>Created</c> false), changed to the level and end date asked for.
    /// </summary>
    Task<(ShareDto Share, bool Created)> Share<T>(T record, ShareRequest request, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>
    /// A read-only share the system gives, whoever acts (a self-service case shared with the customer's sales owner, ADR
    /// 0110): no caller check; nothing when the user owns the record or already has a share of it; saved with the caller's SaveChanges.
    /// </summary>
    Task GrantRead<T>(T record, Guid userId, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>Removes a share of a record (the same people as Share); saved with the caller's SaveChanges.</summary>
    Task Unshare<T>(T record, Guid shareId, CancellationToken ct) where T : class, IOwnedRecord;

    /// <summary>Moves the shares of records merged into another to that record (a customer merge), in the caller's transaction.</summary>
    Task<int> MoveShares<T>(IReadOnlyList<Guid> fromIds, Guid toId, CancellationToken ct) where T : IOwnedRecord;
}
