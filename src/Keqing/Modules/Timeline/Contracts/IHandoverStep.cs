namespace Keqing.Modules.Timeline.Contracts;

/// <summary>
/// A module's part of a hand-over (DOMAIN T4): Sales moves open deals, Service open cases. Timeline's hand-over calls
/// every registered step in its unit of work after the customers moved; a step adds its changes to the scope's
/// database context (taken from DI like its other dependencies) without saving and says how many records it moved.
/// </summary>
public interface IHandoverStep
{
    /// <summary>A short plural noun for the result ("deals", "cases").</summary>
    string What { get; }

    /// <summary>Moves what <paramref name="fromUserId"/> holds on each moved customer to that customer's new owner.</summary>
    Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct);

    /// <summary>
    /// Moves what <paramref name="fromUserId"/> holds that hangs on no customer (leads), round-robin over
    /// <paramref name="toUserIds"/>; called only when the hand-over takes all of the employee's customers.
    /// </summary>
    Task<int> MoveUnattached(Guid fromUserId, IReadOnlyList<Guid> toUserIds, CancellationToken ct) => Task.FromResult(0);
}
