using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Plans dispatches for other modules' records (<see cref="IFieldDispatch"/>): checks the technician and the window,
/// notifies the technician and puts the dispatch on the customer's timeline, all in the caller's unit of work.
/// </summary>
public sealed class FieldDispatch(KeqingDb db, IUserDirectory users, INotifier notifier, DispatchMapping mapping, CurrentUser me,
    ModuleCatalog catalog, TimeProvider clock, AuditInterceptor audit) : IFieldDispatch
{
    /// <summary>The roles that can be dispatched: those holding <see cref="FieldWorkCapabilities.Dispatchable"/> in the manifest.</summary>
    private IReadOnlyList<string> TechnicianRoles => catalog.Find(FieldWorkCapabilities.Dispatchable)!.Roles;

    public async Task<Guid> Plan(DispatchPlan plan, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        var technician = plan.TechnicianId == Guid.Empty ? null : await users.Find(plan.TechnicianId, ct);
        if (plan.TechnicianId == Guid.Empty) errors.Add("technicianId", FieldErrors.Text("Required."));
        else if (technician is not { IsActive: true } || !(await users.RolesOf(technician.Id, ct)).Any(TechnicianRoles.Contains))
            errors.Add("technicianId", FieldErrors.Text("The technician must be an active user who may be sent on field dispatches."));
        DispatchRules.CheckWindow(errors, plan.From, plan.To, now);
        errors.MaxLength("note", plan.Note, Rules.MaxNotes);
        errors.ThrowIfAny();

        var dispatch = new Dispatch
        {
            RecordType = plan.RecordType, RecordId = plan.RecordId, RecordLabel = plan.RecordLabel, RecordLink = plan.RecordLink,
            CustomerId = plan.CustomerId, OwnerId = technician!.Id, TeamId = technician.TeamId,
            WindowFrom = DispatchRules.Utc(plan.From), WindowTo = DispatchRules.Utc(plan.To), Note = VisitInput.Notes(plan.Note),
            Status = DispatchStatus.Planned, DispatchedBy = me.UserId, CreatedAt = now,
        };
        db.Add(dispatch);
        mapping.Publish(dispatch);
        await notifier.Notify(new NotificationRequest(EventTypes.FieldDispatched, technician.Id, "Field dispatch: {0}",
            "You are dispatched to {0} from {1} to {2}.", "/field/dispatches", [plan.RecordLabel, dispatch.WindowFrom, dispatch.WindowTo]), ct);
        return dispatch.Id;
    }

    public async Task<IReadOnlyList<DispatchDto>> For(string recordType, Guid recordId, CancellationToken ct)
    {
        var list = await db.Set<Dispatch>().AsNoTracking().Where(d => d.RecordType == recordType && d.RecordId == recordId)
            .OrderByDescending(d => d.WindowFrom).ThenByDescending(d => d.Id).Take(100).ToListAsync(ct);
        return await mapping.Many(list, ct);
    }

    public async Task<int> Move(string recordType, Guid fromRecordId, Guid toRecordId, string toLabel, string toLink, CancellationToken ct)
    {
        var moved = await db.Set<Dispatch>().Where(d => d.RecordType == recordType && d.RecordId == fromRecordId).ToListAsync(ct);
        foreach (var d in moved)
        {
            (d.RecordId, d.RecordLabel, d.RecordLink) = (toRecordId, toLabel, toLink);
            await mapping.Changed(d, ct);
        }
        return moved.Count;
    }

    public async Task<int> EraseNotes(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct)
    {
        var ids = recordIds.ToList();
        var dispatches = await db.Set<Dispatch>().Where(d => d.RecordType == recordType && ids.Contains(d.RecordId)).ToListAsync(ct);
        foreach (var d in dispatches)
        {
            audit.RedactValuesOf(d.Id);
            (d.Note, d.ResultNote) = (null, null);
        }
        return dispatches.Count;
    }

    public IQueryable<Guid> RecordsDispatchedTo(string recordType, Guid userId) =>
        db.Set<Dispatch>().Where(d => d.RecordType == recordType && d.OwnerId == userId).Select(d => d.RecordId);

    public async Task<IReadOnlyList<TechnicianDto>> Technicians(CancellationToken ct) =>
        (await users.ActiveInRoles(TechnicianRoles, ct)).OrderBy(u => u.DisplayName, StringComparer.Ordinal)
            .Select(u => new TechnicianDto(u.Id, u.DisplayName, u.TeamId)).ToList();
}

/// <summary>The rules of a dispatch's window, pure.</summary>
public static class DispatchRules
{
    /// <summary>A window is at most this long (a working day and then some).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(12);
    /// <summary>How far ahead a dispatch can be planned.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(90);
    /// <summary>How far back a window may start (a visit already made, logged afterwards).</summary>
    public static readonly TimeSpan MaxBack = TimeSpan.FromDays(1);

    public static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    public static void CheckWindow(FieldErrors errors, DateTime from, DateTime to, DateTime now)
    {
        if (from == default) { errors.Add("from", FieldErrors.Text("Required.")); return; }
        if (to == default) { errors.Add("to", FieldErrors.Text("Required.")); return; }
        var (f, t) = (Utc(from), Utc(to));
        if (t <= f) errors.Add("to", FieldErrors.Text("The window ends after it starts."));
        else if (t - f > MaxWindow) errors.Add("to", FieldErrors.Text("A window is at most {0} hours.", (int)MaxWindow.TotalHours));
        if (f < now - MaxBack) errors.Add("from", FieldErrors.Text("The window cannot start more than a day ago."));
        else if (f > now + MaxAhead) errors.Add("from", FieldErrors.Text("The window starts within {0} days.", (int)MaxAhead.TotalDays));
    }
}
