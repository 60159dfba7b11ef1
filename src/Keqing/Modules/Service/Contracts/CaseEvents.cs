using Keqing.Infrastructure.Events;

namespace Keqing.Modules.Service.Contracts;

// What happens to a case, raised through DomainEvents in the unit of work that changes it: SLA clocks, surveys and
// return visits hook in with IBeforeCommitHandler<T> (inside the change) or IDomainEventHandler<T> (after it commits).

/// <summary>A case was opened (by an agent, the API, the portal, email, or as the follow-up of a closed case).</summary>
public sealed record CaseOpened(Guid CaseId, Guid CustomerId, CaseType Type, CasePriority Priority, CaseChannel Channel, DateTime At) : IDomainEvent;

/// <summary>Its priority changed (SLA targets are recomputed).</summary>
public sealed record CasePriorityChanged(Guid CaseId, CasePriority From, CasePriority To, DateTime At) : IDomainEvent;

/// <summary>Staff sent a public reply; <paramref name="FirstResponse"/> when it was the case's first.</summary>
public sealed record CaseReplied(Guid CaseId, Guid MessageId, bool FirstResponse, DateTime At) : IDomainEvent;

/// <summary>The case now waits on the customer (an SLA clock pauses).</summary>
public sealed record CaseWaitingOnCustomer(Guid CaseId, DateTime At) : IDomainEvent;

/// <summary>The customer wrote to the case (an SLA clock restarts).</summary>
public sealed record CaseCustomerReplied(Guid CaseId, Guid MessageId, DateTime At) : IDomainEvent;

public sealed record CaseResolved(Guid CaseId, Guid CustomerId, Guid? ContactId, DateTime At) : IDomainEvent;

/// <summary>Closed; <paramref name="MergedIntoId"/> when it was closed by being merged into another case.</summary>
public sealed record CaseClosed(Guid CaseId, Guid? MergedIntoId, DateTime At) : IDomainEvent;

public sealed record CaseReopened(Guid CaseId, DateTime At) : IDomainEvent;
