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
}
