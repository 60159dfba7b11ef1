namespace Keqing.Infrastructure.Audit;

/// <summary>
/// Records whose history continues in another (customers merged into a survivor): the trail of the survivor includes theirs.
/// </summary>
public interface IAuditLineage
{
    /// <summary>The ids of the records of this type (a record type key) that were folded into <paramref name="id"/>, directly or in turn.</summary>
    Task<IReadOnlyList<Guid>> Predecessors(string entityType, Guid id, CancellationToken ct);
}
