using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Sla.Features;

/// <summary>The SLA engine behind <see cref="ISlaClocks"/>: clocks in the caller's unit of work, on the app's clock.</summary>
public sealed class SlaClocks(KeqingDb db, TimeProvider time, ICompanyCalendar calendars) : ISlaClocks
{
    public async Task<SlaClockDto?> Start(string recordType, Guid recordId, SlaAttributes attributes, Guid ownerId, Guid? teamId,
        DateTimeOffset startedAt, string? title, string? link, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        var row = await Find(recordType, recordId, ct);
        if (row is { StoppedAt: null }) return await ToDto(row, ct);
        var policies = await db.Set<SlaPolicy>().AsNoTracking().Where(p => p.RecordType == recordType && p.Active).ToListAsync(ct);
        if (PolicyMatch.Best(policies, recordType, attributes) is not { } policy) return null;
        var calendarId = policy.CalendarId ?? Calendars.DefaultId;
        var calendar = await Calendar(calendarId, ct);
        if (row is null)
        {
            row = new RecordClock { Id = OrderedId.New(), RecordType = recordType, RecordId = recordId };
            db.Add(row);
        }
        else
        {
            // A reopened record: a fresh clock; its earlier breaches stay recorded.
            row.FirstResponseWarnedAt = row.FirstResponseBreachedAt = row.ResolutionWarnedAt = row.ResolutionBreachedAt = null;
        }
        row.Title = Clip(title, RecordClock.MaxTitleLength);
        row.Link = link is { Length: <= RecordClock.MaxLinkLength } && link.StartsWith('/') ? link : null;
        row.OwnerId = ownerId;
        row.TeamId = teamId;
        SetAttributes(row, attributes);
        row.PolicyId = policy.Id;
        row.CalendarId = calendarId;
        row.Set(SlaClock.Start(startedAt, policy.Targets), calendar);
        return await ToDto(row, ct);
    }

    public Task Pause(string recordType, Guid recordId, CancellationToken ct) =>
        Update(recordType, recordId, (clock, _, now) => clock.Pause(now), ct);

    public Task Resume(string recordType, Guid recordId, CancellationToken ct) =>
        Update(recordType, recordId, (clock, calendar, now) => clock.Resume(calendar, now), ct);

    public async Task Change(string recordType, Guid recordId, SlaAttributes attributes, CancellationToken ct)
    {
        if (await Find(recordType, recordId, ct) is not { StoppedAt: null } row) return;
        SetAttributes(row, attributes);
        var policies = await db.Set<SlaPolicy>().AsNoTracking().Where(p => p.RecordType == recordType && p.Active).ToListAsync(ct);
        // No policy matches any more: the clock keeps the targets it has rather than silently losing its SLA.
        if (PolicyMatch.Best(policies, recordType, attributes) is not { } policy) return;
        var calendarId = policy.CalendarId ?? Calendars.DefaultId;
        var calendar = await Calendar(calendarId, ct);
        var changed = row.Clock.Change(policy.Targets);
        if (calendarId != row.CalendarId && changed.PausedAt is null)
        {
            // Paused business time was measured on the old calendar: keep the same counted time on the new one.
            var old = await Calendar(row.CalendarId, ct);
            var counted = row.Clock.Elapsed(old, time.GetUtcNow());
            var paused = calendar.Between(changed.StartedAt, time.GetUtcNow()) - counted;
            changed = changed with { PausedBusiness = paused < TimeSpan.Zero ? TimeSpan.Zero : paused };
        }
        row.PolicyId = policy.Id;
        row.CalendarId = calendarId;
        // New targets: alarms not sent yet are re-timed; a warning already sent is not sent again.
        if (row.FirstResponseBreachedAt is null && changed.Targets.FirstResponse != row.Clock.Targets.FirstResponse) row.FirstResponseWarnedAt = null;
        if (row.ResolutionBreachedAt is null && changed.Targets.Resolution != row.Clock.Targets.Resolution) row.ResolutionWarnedAt = null;
        row.Set(changed, calendar);
    }

    public async Task Reassign(string recordType, Guid recordId, Guid ownerId, Guid? teamId, CancellationToken ct)
    {
        if (await Find(recordType, recordId, ct) is not { } row) return;
        row.OwnerId = ownerId;
        row.TeamId = teamId;
    }

    public Task MarkFirstResponse(string recordType, Guid recordId, CancellationToken ct) =>
        Update(recordType, recordId, (clock, calendar, now) => clock.RespondFirst(calendar, now), ct);

    public Task Stop(string recordType, Guid recordId, bool resolved, CancellationToken ct) =>
        Update(recordType, recordId, (clock, calendar, now) => clock.Stop(calendar, now, resolved), ct);

    public async Task<SlaClockDto?> Current(string recordType, Guid recordId, CancellationToken ct) =>
        await db.Set<RecordClock>().AsNoTracking().FirstOrDefaultAsync(c => c.RecordType == recordType && c.RecordId == recordId, ct) is { } row
            ? await ToDto(row, ct) : null;

    public async Task<IReadOnlyDictionary<Guid, SlaGlance>> Glance(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct)
    {
        if (recordIds.Count == 0) return new Dictionary<Guid, SlaGlance>();
        var now = RecordClock.Stored(time.GetUtcNow());
        var rows = await db.Set<RecordClock>().AsNoTracking().Where(c => c.RecordType == recordType && recordIds.Contains(c.RecordId)).ToListAsync(ct);
        return rows.ToDictionary(c => c.RecordId, c => GlanceOf(c, now));
    }

    /// <summary>A stored clock's glance at <paramref name="now"/>, from its stamps and pending due instants alone.</summary>
    public static SlaGlance GlanceOf(RecordClock c, DateTime now)
    {
        var due = c.FirstResponseDueAt is { } f && (c.ResolutionDueAt is not { } r || f < r) ? f : c.ResolutionDueAt;
        var breached = c.FirstResponseBreachedAt != null || c.ResolutionBreachedAt != null || c.FirstResponseDueAt <= now || c.ResolutionDueAt <= now;
        var state = breached ? SlaState.Breached
            : c.StoppedAt is not null ? c.Resolved ? SlaState.Met : SlaState.Cancelled
            : c.PausedAt is not null ? SlaState.Paused
            : c.FirstResponseWarnAt <= now || c.ResolutionWarnAt <= now ? SlaState.Warned
            : SlaState.Running;
        return new SlaGlance(state, due);
    }

    public IQueryable<Guid> RecordsAt(string recordType, SlaRisk risk)
    {
        var now = RecordClock.Stored(time.GetUtcNow());
        var running = db.Set<RecordClock>().AsNoTracking().Where(c => c.RecordType == recordType && c.StoppedAt == null);
        var breached = running.Where(c => c.FirstResponseBreachedAt != null || c.ResolutionBreachedAt != null
            || c.FirstResponseDueAt <= now || c.ResolutionDueAt <= now);
        return (risk == SlaRisk.Breached ? breached
            : running.Where(c => c.FirstResponseBreachedAt == null && c.ResolutionBreachedAt == null
                && (c.FirstResponseDueAt == null || c.FirstResponseDueAt > now) && (c.ResolutionDueAt == null || c.ResolutionDueAt > now)
                && (c.FirstResponseWarnAt <= now || c.ResolutionWarnAt <= now)))
            .Select(c => c.RecordId);
    }

    /// <summary>Applies a change to the record's clock, then records what it completed late (a breach the scan had not found yet).</summary>
    private async Task Update(string recordType, Guid recordId, Func<SlaClock, BusinessCalendar, DateTimeOffset, SlaClock> change, CancellationToken ct)
    {
        if (await Find(recordType, recordId, ct) is not { } row) return;
        var calendar = await Calendar(row.CalendarId, ct);
        var now = time.GetUtcNow();
        var clock = change(row.Clock, calendar, now);
        row.Set(clock, calendar);
        foreach (var target in new[] { SlaTarget.FirstResponse, SlaTarget.Resolution })
        {
            // Only what this change completed; a target still pending is the scan's to judge (and escalate).
            if (clock.IsPending(target) || clock.StateOf(target, calendar, now) is not { } state) continue;
            var late = Late(clock, target, calendar, now);
            var breach = await db.Set<SlaBreach>().FirstOrDefaultAsync(b => b.ClockId == row.Id && b.Target == target, ct);
            if (breach is not null && breach.CompletedAt is null && state != SlaState.Cancelled)
            {
                breach.CompletedAt = RecordClock.Stored(now);
                breach.LateMinutes = late;
            }
            else if (breach is null && state == SlaState.Breached && row.BreachedAt(target) is null)
            {
                row.StampBreached(target, RecordClock.Stored(now));
                db.Add(NewBreach(row, target, clock, calendar, now, late, escalatedTo: null, completed: true));
            }
        }
    }

    internal static int Late(SlaClock clock, SlaTarget target, BusinessCalendar calendar, DateTimeOffset now) =>
        clock.Targets.Of(target) is { } t ? (int)Math.Max(0, Math.Ceiling((clock.ElapsedFor(target, calendar, now) - t).TotalMinutes)) : 0;

    internal static SlaBreach NewBreach(RecordClock row, SlaTarget target, SlaClock clock, BusinessCalendar calendar, DateTimeOffset now,
        int late, Guid? escalatedTo, bool completed) => new()
    {
        Id = OrderedId.New(), ClockId = row.Id, RecordType = row.RecordType, RecordId = row.RecordId, Target = target,
        PolicyId = row.PolicyId, OwnerId = row.OwnerId, TeamId = row.TeamId,
        DueAt = RecordClock.Stored(clock.DueAt(calendar, target) ?? now), DetectedAt = RecordClock.Stored(now),
        CompletedAt = completed ? RecordClock.Stored(now) : null, LateMinutes = late, EscalatedTo = escalatedTo,
    };

    private async Task<SlaClockDto> ToDto(RecordClock row, CancellationToken ct)
    {
        var calendar = await Calendar(row.CalendarId, ct);
        var clock = row.Clock;
        var now = time.GetUtcNow();
        var policyName = await db.Set<SlaPolicy>().Where(p => p.Id == row.PolicyId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var targets = new List<SlaTargetDto>(2);
        foreach (var target in new[] { SlaTarget.FirstResponse, SlaTarget.Resolution })
        {
            if (clock.Targets.Of(target) is not { } t) continue;
            var elapsed = clock.ElapsedFor(target, calendar, now);
            targets.Add(new SlaTargetDto(target, (int)t.TotalMinutes, RecordClock.Stored(clock.DueAt(calendar, target)),
                (int)Math.Floor(elapsed.TotalMinutes), (int)Math.Ceiling((t - elapsed).TotalMinutes), clock.StateOf(target, calendar, now)!.Value));
        }
        return new SlaClockDto(row.RecordType, row.RecordId, row.PolicyId, policyName, row.CalendarId, row.StartedAt,
            clock.State(calendar, now), targets, row.PausedAt, row.StoppedAt);
    }

    private Task<RecordClock?> Find(string recordType, Guid recordId, CancellationToken ct) =>
        db.Set<RecordClock>().FirstOrDefaultAsync(c => c.RecordType == recordType && c.RecordId == recordId, ct);

    /// <summary>The clock's calendar; the default one if it was deleted meanwhile (deleting a calendar in use is refused).</summary>
    private async Task<BusinessCalendar> Calendar(Guid id, CancellationToken ct) =>
        await calendars.Find(id, ct) ?? await calendars.Current(ct);

    private static void SetAttributes(RecordClock row, SlaAttributes attributes)
    {
        row.Priority = Clip(attributes.Priority, RecordClock.MaxAttributeLength);
        row.Type = Clip(attributes.Type, RecordClock.MaxAttributeLength);
        row.Grade = Clip(attributes.Grade, RecordClock.MaxAttributeLength);
    }

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}
