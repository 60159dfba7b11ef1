namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// Customer limits (客户上限, DOMAIN C1): how many customers a person may own. An extension point: the Pools module
/// contributes the implementation (it sets the limits); every place that gives customers to someone asks every
/// registered one first (none: no limits). Call it inside the transaction that then gives the customers: on
/// PostgreSQL it locks the owners for the rest of it, so two requests at once cannot both take the last place.
/// </summary>
public interface ICustomerLimits
{
    /// <summary>
    /// Throws a 409 naming the limit when one of these owners would own more customers than their limit allows after
    /// getting this many more (customers already counted by the database are not counted twice).
    /// </summary>
    Task EnsureRoom(IReadOnlyDictionary<Guid, int> addingByOwner, CancellationToken ct);

    /// <summary>
    /// <see cref="EnsureRoom"/> for customers changing owner (customer id → new owner: a hand-over, a new owner chosen
    /// on the customer form): the new owners' limits of owned customers, and of locked customers for those of them
    /// that are locked (a lock stays with the customer). A 409 naming the limit.
    /// </summary>
    Task EnsureRoomForMoves(IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct);

    /// <summary>
    /// For each of these owners that has a limit: how many more customers they may get, and the message naming the
    /// limit for one more than that (an import rejects the rows past it and imports the others). Locks the owners
    /// like <see cref="EnsureRoom"/>.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, CustomerRoomLeft>> RoomLeft(IReadOnlyCollection<Guid> owners, CancellationToken ct);
}

/// <summary>
/// How many more customers an owner may get, and why one more is refused; the limit (<paramref name="Max"/> owned
/// customers) and the team whose limit it is (null: the owner's own).
/// </summary>
public sealed record CustomerRoomLeft(int Left, string Refusal, int Max, string? Team);
