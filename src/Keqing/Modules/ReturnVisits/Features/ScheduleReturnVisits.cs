using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.Service.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// Schedules a return visit when an order is placed or a case is closed, by the rule of the customer's grade (off
/// unless an admin set days), in the unit of work of the order or case. After an order the customer's owner does it
/// (they hold the relationship); after a case the case's agent (they know what was fixed). A case closed by being
/// merged into another gets none. One return visit per order or case, however often the event comes.
/// </summary>
public sealed class ScheduleReturnVisits(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, ICaseFacts cases)
    : IBeforeCommitHandler<OrderPlaced>, IBeforeCommitHandler<CaseClosed>
{
    public Task Handle(OrderPlaced e, CancellationToken ct) =>
        Schedule(ReturnVisitSource.Order, e.OrderId, e.Number, e.CustomerId, null, e.At, ct);

    public async Task Handle(CaseClosed e, CancellationToken ct)
    {
        if (e.MergedIntoId is not null || await cases.Find(e.CaseId, ct) is not { MergedIntoId: null } c) return;
        await Schedule(ReturnVisitSource.Case, c.Id, c.Number, c.CustomerId, c.OwnerId, e.At, ct);
    }

    private async Task Schedule(ReturnVisitSource source, Guid sourceId, string number, Guid customerId, Guid? doneBy, DateTime at, CancellationToken ct)
    {
        if ((await customers.Find([customerId], ct)).GetValueOrDefault(customerId) is not { Archived: false } customer) return;
        var grade = customer.Grade;
        var rule = await db.Set<ReturnVisitRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Grade == grade, ct);
        if (rule is null || ReturnVisitRules.DueAt(source, rule.DaysAfterOrder, rule.DaysAfterCase, at) is not { } due) return;
        if (db.ChangeTracker.Entries<ReturnVisit>().Any(x => x.Entity.Source == source && x.Entity.SourceId == sourceId)
            || await db.Set<ReturnVisit>().AnyAsync(v => v.Source == source && v.SourceId == sourceId, ct)) return;
        var owner = doneBy ?? customer.OwnerId;
        db.Add(new ReturnVisit
        {
            CustomerId = customerId, Source = source, SourceId = sourceId, SourceNumber = number, OwnerId = owner,
            TeamId = (await users.Find(owner, ct))?.TeamId, DueAt = due, Channel = rule.Channel, Status = ReturnVisitStatus.Open,
            CreatedAt = at, UpdatedAt = at,
        });
    }
}
