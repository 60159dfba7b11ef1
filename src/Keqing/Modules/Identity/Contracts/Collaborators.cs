namespace Keqing.Modules.Identity.Contracts;

/// <summary>
/// A collaborator (团队成员, DOMAIN C2) of one record: a user or a whole team, with read or write access, until an end
/// date or for good. <see cref="Active"/> is false once the end date has passed: their access ended then, without a job.
/// </summary>
public sealed record CollaboratorDto(Guid Id, Guid? UserId, Guid? TeamId, string Name, string Access, DateTime? Until, bool Active,
    DateTime CreatedAt);

/// <summary>What adding a collaborator sends: exactly one of userId and teamId; access <c>read</c> (default) or <c>write</c>.</summary>
public sealed record CollaboratorRequest(Guid? UserId, Guid? TeamId, string? Access, DateTime? Until);

/// <summary>A record's collaborators, and whether the caller may change them (the owner, their managers, an admin).</summary>
public sealed record CollaboratorList(IReadOnlyList<CollaboratorDto> Items, bool CanManage);

/// <summary>The two levels of access a collaborator gets.</summary>
public static class CollaboratorAccess
{
    public const string Read = "read";
    public const string Write = "write";
}

/// <summary>
/// A record type that takes collaborators (an extension point: a module lists one in its manifest's Contributions).
/// Identity serves <c>/api/{Route}/{id}/collaborators</c> for it, behind <paramref name="Capability"/> when given.
/// </summary>
/// <param name="Route">The collection's path under /api, e.g. <c>leads</c>.</param>
/// <param name="Entity">The record's class: an <see cref="IOwnedRecord"/> with a <c>[RecordType]</c>.</param>
/// <param name="Capability">The capability the endpoints ask for (the module's own for its records), or none.</param>
public sealed record CollaborationTarget(string Route, Type Entity, string? Capability)
{
    public static CollaborationTarget For<T>(string route, string? capability = null) where T : class, IOwnedRecord => new(route, typeof(T), capability);
}

/// <summary>
/// Collaborators of the records of every <see cref="CollaborationTarget"/> (ADR 0090). Each call looks the record up
/// with record access (404 when the caller may not see it) and saves its own change.
/// </summary>
public interface ICollaborators
{
    /// <summary>The collaborators of the record with this type key (e.g. <c>leads.lead</c>) and id.</summary>
    Task<CollaboratorList> List(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>
    /// Adds a collaborator, or changes the one already there for that user or team (<c>Created</c> false); 403 unless the
    /// caller owns the record, manages its team or is an admin.
    /// </summary>
    Task<(CollaboratorDto Collaborator, bool Created)> Add(string recordType, Guid recordId, CollaboratorRequest request, CancellationToken ct);

    /// <summary>Removes a collaborator; the same people as <see cref="Add"/>.</summary>
    Task Remove(string recordType, Guid recordId, Guid collaboratorId, CancellationToken ct);
}
