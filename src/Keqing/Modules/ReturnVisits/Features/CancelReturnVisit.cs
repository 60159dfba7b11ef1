using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>Cancels an open return visit with a reason (If-Match): the customer asked not to be called, the order was cancelled …</summary>
public sealed class CancelReturnVisit(KeqingDb db, IRecordAccess access, ReturnVisitMapping mapping, TimeProvider clock)
{
    public async Task<ReturnVisitDto> Handle(Guid id, long? expectedVersion, CancelRequest request, CancellationToken ct)
    {
        var visit = await access.FindVisible(db.Set<ReturnVisit>(), id, ct);
        await access.EnsureCanWrite(visit, ct);
        Preconditions.ExpectVersion(db, visit, expectedVersion ?? throw new PreconditionRequiredException());
        var reason = request.Reason?.Trim() ?? "";
        var errors = new FieldErrors();
        if (reason.Length == 0) errors.Add("reason", FieldErrors.Text("Required."));
        errors.MaxLength("reason", reason, ReturnVisitRules.MaxReason).ThrowIfAny();
        if (visit.Status != ReturnVisitStatus.Open) throw new ConflictException(FieldErrors.Text("The return visit is no longer open."));
        var now = clock.GetUtcNow().UtcDateTime;
        (visit.Status, visit.CancelReason, visit.CancelledAt, visit.UpdatedAt) = (ReturnVisitStatus.Cancelled, reason, now, now);
        await db.SaveChangesAsync(ct);
        return await mapping.One(visit, ct, []);
    }
}
