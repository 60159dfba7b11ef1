using Keqing.Infrastructure.Events;

namespace Keqing.Modules.Orders.Contracts;

/// <summary>
/// An order was placed (entered directly or made from a quote), raised through DomainEvents in the unit of work that
/// saves it: return visits hook in with IBeforeCommitHandler&lt;OrderPlaced&gt;.
/// </summary>
public sealed record OrderPlaced(Guid OrderId, string Number, Guid CustomerId, Guid OwnerId, DateTime At) : IDomainEvent;
