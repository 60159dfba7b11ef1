using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// A customer's new grade re-targets the SLA clocks of their open cases by the rule of a priority change (the policy
/// matched again, targets counted from the original start), in the unit of work that changes the grade.
/// </summary>
public sealed class CaseGradeChange(KeqingDb db, CaseSla sla) : IBeforeCommitHandler<CustomerGradeChanged>
{
    public async Task Handle(CustomerGradeChanged e, CancellationToken ct)
    {
        var open = await db.Set<ServiceCase>()
            .Where(c => c.CustomerId == e.CustomerId && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .ToListAsync(ct);
        foreach (var c in open) await sla.Change(c, e.To, ct);
    }
}
