using Keqing.Infrastructure.Events;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>A customer's grade changed on the customer's form or API (raised in that unit of work; Service re-targets open cases' SLAs).</summary>
public sealed record CustomerGradeChanged(Guid CustomerId, CustomerGrade? From, CustomerGrade? To) : IDomainEvent;
