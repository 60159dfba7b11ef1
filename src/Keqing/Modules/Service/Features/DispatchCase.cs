using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Sends a technician to the customer for a repair case (派工, DOMAIN V3) through Field work's <see cref="IFieldDispatch"/>:
/// whoever may work the case dispatches it while it is open; an internal note records it in the case's conversation.
/// The technician then reads the case (<see cref="CaseAccess"/>), and their result comes back as a note
/// (<see cref="Handle(DispatchResultLogged, CancellationToken)"/>); it never resolves the case by itself.
/// </summary>
public sealed class DispatchCase(KeqingDb db, CaseAccess access, IFieldDispatch field, IUserDirectory users, CurrentUser user, TimeProvider time)
    : IBeforeCommitHandler<DispatchResultLogged>
{
    public async Task<DispatchDto> Dispatch(Guid id, DispatchCaseRequest r, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        var technicianId = r.TechnicianId ?? Guid.Empty;
        if (c.Type != CaseType.Repair) throw new ConflictException(FieldErrors.Text("Only a repair case is dispatched to the field."));
        if (!c.IsOpen) throw new ConflictException(FieldErrors.Text("A resolved or closed case is not dispatched."));
        var dispatchId = await field.Plan(new DispatchPlan(CaseSla.RecordType, c.Id, c.Number, $"/cases/{c.Id}", c.CustomerId,
            technicianId, r.From ?? default, r.To ?? default, r.Note), ct);
        var now = time.GetUtcNow().UtcDateTime;
        var technician = (await users.Names([technicianId], ct)).GetValueOrDefault(technicianId, "");
        var body = FieldErrors.Text("Dispatched {0} for a field visit.", technician);
        if (!string.IsNullOrWhiteSpace(r.Note)) body += " " + r.Note.Trim();
        db.Add(new CaseMessage { CaseId = c.Id, Kind = CaseMessageKind.Note, Body = body, AuthorId = user.UserId, At = now });
        c.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (await field.For(CaseSla.RecordType, c.Id, ct)).First(d => d.Id == dispatchId);
    }

    /// <summary>Whether the caller may dispatch this case now: an open repair case they may work.</summary>
    public async Task<bool> CanDispatch(Guid id, CancellationToken ct)
    {
        var c = await access.Find(id, ct);
        return c.Type == CaseType.Repair && c.IsOpen && await access.CanWrite(c, ct);
    }

    /// <summary>A case's dispatches, for whoever may see the case (404 otherwise).</summary>
    public async Task<IReadOnlyList<DispatchDto>> List(Guid id, CancellationToken ct)
    {
        await access.Find(id, ct);
        return await field.For(CaseSla.RecordType, id, ct);
    }

    /// <summary>The technician's result, as their internal note on the case (in the unit of work that logs it).</summary>
    public async Task Handle(DispatchResultLogged e, CancellationToken ct)
    {
        if (e.RecordType != CaseSla.RecordType || await db.Set<ServiceCase>().FindAsync([e.RecordId], ct) is not { } c) return;
        var body = e.Outcome switch
        {
            DispatchOutcome.Done => FieldErrors.Text("Field visit result: fixed."),
            DispatchOutcome.NeedsParts => FieldErrors.Text("Field visit result: parts are needed."),
            _ => FieldErrors.Text("Field visit result: could not be fixed."),
        };
        if (e.Note is { } note) body += " " + note;
        db.Add(new CaseMessage { CaseId = c.Id, Kind = CaseMessageKind.Note, Body = body, AuthorId = e.TechnicianId, At = e.At });
        c.UpdatedAt = e.At;
    }
}

/// <summary>Dispatch a repair case: the technician, the window (instants; the page sends the user's local times as UTC), a note.</summary>
public sealed record DispatchCaseRequest(Guid? TechnicianId, DateTime? From, DateTime? To, string? Note);
