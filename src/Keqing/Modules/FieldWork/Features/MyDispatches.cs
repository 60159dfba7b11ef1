using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// The technician's side of dispatches (今日派工): their planned dispatches by window and the results of the last week,
/// and logging a result (done, needs parts, could not fix) with a note, tied to the visit they checked in on so the
/// visit's photos go with it. Only the technician logs the result, once; the record's module hears of it.
/// </summary>
public sealed class MyDispatches(KeqingDb db, IRecordAccess access, DispatchMapping mapping, DomainEvents events, CurrentUser me, TimeProvider clock)
{
    public const int MaxListed = 200;
    /// <summary>How long a logged result stays on the technician's list.</summary>
    public static readonly TimeSpan RecentResults = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<DispatchDto>> List(CancellationToken ct)
    {
        var userId = me.UserId;
        var since = clock.GetUtcNow().UtcDateTime - RecentResults;
        var list = await db.Set<Dispatch>().AsNoTracking()
            .Where(d => d.OwnerId == userId && (d.Status == DispatchStatus.Planned || d.ResultAt >= since))
            .OrderBy(d => d.Status == DispatchStatus.Planned ? 0 : 1).ThenBy(d => d.WindowFrom).ThenBy(d => d.Id)
            .Take(MaxListed).ToListAsync(ct);
        return await mapping.Many(list, ct);
    }

    /// <summary>One dispatch the caller may see (the technician, their manager, admin); 404 otherwise.</summary>
    public async Task<DispatchDto> Get(Guid id, CancellationToken ct) =>
        (await mapping.Many([await access.FindVisible(db.Set<Dispatch>().AsNoTracking(), id, ct)], ct))[0];

    public async Task<DispatchDto> LogResult(Guid id, DispatchResultRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.Outcome is not { } given || !Enum.IsDefined(given))
            errors.Add("outcome", FieldErrors.Text("outcome is one of done, needsParts, couldNotFix."));
        errors.MaxLength("note", r.Note, Rules.MaxNotes);
        errors.ThrowIfAny();
        var dispatch = await access.FindVisible(db.Set<Dispatch>(), id, ct);
        if (dispatch.OwnerId != me.UserId) throw new ForbiddenException(FieldErrors.Text("Only the dispatched technician can log the result."));
        if (dispatch.Status != DispatchStatus.Planned) throw new ConflictException(FieldErrors.Text("The result of this dispatch is logged already."));
        if (r.VisitId is { } visitId
            && !await db.Set<Visit>().AnyAsync(v => v.Id == visitId && v.OwnerId == dispatch.OwnerId && v.CustomerId == dispatch.CustomerId, ct))
            throw new ValidationFailedException("visitId", FieldErrors.Text("Give a visit of yours at this customer."));

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = r.Outcome!.Value;
        dispatch.Status = outcome switch
        {
            DispatchOutcome.Done => DispatchStatus.Done,
            DispatchOutcome.NeedsParts => DispatchStatus.NeedsParts,
            _ => DispatchStatus.CouldNotFix,
        };
        dispatch.ResultNote = VisitInput.Notes(r.Note);
        dispatch.ResultAt = now;
        dispatch.VisitId = r.VisitId;
        await mapping.Changed(dispatch, ct);
        events.Raise(new DispatchResultLogged(dispatch.Id, dispatch.RecordType, dispatch.RecordId, dispatch.OwnerId, outcome, dispatch.ResultNote, now));
        await db.SaveChangesAsync(ct);
        return (await mapping.Many([dispatch], ct))[0];
    }
}
