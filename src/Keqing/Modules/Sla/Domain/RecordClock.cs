using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Sla.Contracts;

namespace Keqing.Modules.Sla.Domain;

/// <summary>
/// A record's SLA clock as stored (<c>sla_clocks</c>, one per record): the <see cref="SlaClock"/> value, who is
/// warned and escalated to, and the instants of its pending alarms precomputed (null while paused, stopped or sent),
/// with the earliest in <see cref="NextAlarmAt"/> — the one indexed column the scan reads, so it touches only the
/// clocks with an alarm due. Not audited: the scan updates it, and the breaches are rows of their own.
/// </summary>
public sealed class RecordClock : Keqing.Infrastructure.Data.IVersioned
{
    public const int MaxRecordTypeLength = 100;
    public const int MaxAttributeLength = 50;
    public const int MaxTitleLength = 200;
    public const int MaxLinkLength = 300;

    public Guid Id { get; set; }
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public string? Title { get; set; }
    public string? Link { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public string? Priority { get; set; }
    public string? Type { get; set; }
    public string? Grade { get; set; }
    public Guid PolicyId { get; set; }
    public Guid CalendarId { get; set; }

    public DateTime StartedAt { get; set; }
    public int? FirstResponseMinutes { get; set; }
    public int ResolutionMinutes { get; set; }
    public int WarningPercent { get; set; }
    public long PausedBusinessTicks { get; set; }
    public DateTime? PausedAt { get; set; }
    public DateTime? FirstRespondedAt { get; set; }
    public long? FirstResponseElapsedTicks { get; set; }
    public DateTime? StoppedAt { get; set; }
    public bool Resolved { get; set; }

    public DateTime? FirstResponseWarnAt { get; set; }
    public DateTime? FirstResponseDueAt { get; set; }
    public DateTime? ResolutionWarnAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }
    public DateTime? FirstResponseWarnedAt { get; set; }
    public DateTime? FirstResponseBreachedAt { get; set; }
    public DateTime? ResolutionWarnedAt { get; set; }
    public DateTime? ResolutionBreachedAt { get; set; }
    /// <summary>The earliest pending alarm (a warning or a breach not yet sent); null when none is pending.</summary>
    public DateTime? NextAlarmAt { get; set; }
    /// <summary>Guards the scan against a change of the record made while it ran (and the other way round).</summary>
    public long Version { get; set; }

    public SlaClock Clock => new(Utc(StartedAt),
        new SlaTargets(FirstResponseMinutes is { } f ? TimeSpan.FromMinutes(f) : null, TimeSpan.FromMinutes(ResolutionMinutes), WarningPercent),
        TimeSpan.FromTicks(PausedBusinessTicks), Utc(PausedAt), Utc(FirstRespondedAt),
        FirstResponseElapsedTicks is { } e ? TimeSpan.FromTicks(e) : null, Utc(StoppedAt), Resolved);

    /// <summary>Stores a clock value and recomputes the pending alarms' instants on its calendar.</summary>
    public void Set(SlaClock clock, BusinessCalendar calendar)
    {
        StartedAt = Stored(clock.StartedAt);
        FirstResponseMinutes = clock.Targets.FirstResponse is { } f ? (int)f.TotalMinutes : null;
        ResolutionMinutes = (int)clock.Targets.Resolution.TotalMinutes;
        WarningPercent = clock.Targets.WarningPercent;
        PausedBusinessTicks = clock.PausedBusiness.Ticks;
        PausedAt = Stored(clock.PausedAt);
        FirstRespondedAt = Stored(clock.FirstRespondedAt);
        FirstResponseElapsedTicks = clock.FirstResponseElapsed?.Ticks;
        StoppedAt = Stored(clock.StoppedAt);
        Resolved = clock.Resolved;

        var firstPending = clock.IsPending(SlaTarget.FirstResponse);
        var resolutionPending = clock.IsPending(SlaTarget.Resolution);
        FirstResponseWarnAt = firstPending ? Stored(clock.WarnAt(calendar, SlaTarget.FirstResponse)) : null;
        FirstResponseDueAt = firstPending ? Stored(clock.DueAt(calendar, SlaTarget.FirstResponse)) : null;
        ResolutionWarnAt = resolutionPending ? Stored(clock.WarnAt(calendar, SlaTarget.Resolution)) : null;
        ResolutionDueAt = resolutionPending ? Stored(clock.DueAt(calendar, SlaTarget.Resolution)) : null;
        NextAlarmAt = NextAlarm();
    }

    /// <summary>The earliest alarm not yet sent: a warning instant not warned nor breached, a due instant not breached.</summary>
    public DateTime? NextAlarm() => new[]
    {
        FirstResponseWarnedAt is null && FirstResponseBreachedAt is null ? FirstResponseWarnAt : null,
        FirstResponseBreachedAt is null ? FirstResponseDueAt : null,
        ResolutionWarnedAt is null && ResolutionBreachedAt is null ? ResolutionWarnAt : null,
        ResolutionBreachedAt is null ? ResolutionDueAt : null,
    }.Where(t => t is not null).Min();

    /// <summary>
    /// The scan's step for one clock, on the stored alarm instants alone (no calendar): each pending target past its due
    /// instant is stamped breached, else one past its warning instant is stamped warned, each once; then the next alarm
    /// moves on. Returns what was stamped now — the alarms to send. Paused and stopped clocks have no alarm instants.
    /// </summary>
    public IReadOnlyList<(SlaTarget Target, bool Breached)> StampDueAlarms(DateTime now)
    {
        var stamped = new List<(SlaTarget, bool)>(2);
        foreach (var target in new[] { SlaTarget.FirstResponse, SlaTarget.Resolution })
        {
            if (BreachedAt(target) is not null) continue;
            var (warnAt, dueAt) = target == SlaTarget.FirstResponse ? (FirstResponseWarnAt, FirstResponseDueAt) : (ResolutionWarnAt, ResolutionDueAt);
            if (dueAt <= now)
            {
                StampBreached(target, now);
                stamped.Add((target, true));
            }
            else if (warnAt <= now && WarnedAt(target) is null)
            {
                StampWarned(target, now);
                stamped.Add((target, false));
            }
        }
        NextAlarmAt = NextAlarm();
        // Not due after all (an instant rounded to the microsecond): look again on the next run, not in this one.
        if (NextAlarmAt <= now) NextAlarmAt = now.AddSeconds(1);
        return stamped;
    }

    public DateTime? BreachedAt(SlaTarget target) => target == SlaTarget.FirstResponse ? FirstResponseBreachedAt : ResolutionBreachedAt;
    public DateTime? WarnedAt(SlaTarget target) => target == SlaTarget.FirstResponse ? FirstResponseWarnedAt : ResolutionWarnedAt;

    public void StampBreached(SlaTarget target, DateTime at)
    {
        if (target == SlaTarget.FirstResponse) { FirstResponseBreachedAt = at; FirstResponseWarnedAt ??= at; }
        else { ResolutionBreachedAt = at; ResolutionWarnedAt ??= at; }
    }

    public void StampWarned(SlaTarget target, DateTime at)
    {
        if (target == SlaTarget.FirstResponse) FirstResponseWarnedAt = at; else ResolutionWarnedAt = at;
    }

    /// <summary>Whole microseconds in UTC, so a stored instant reads back equal on both providers.</summary>
    public static DateTime Stored(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    public static DateTime? Stored(DateTimeOffset? at) => at is { } a ? Stored(a) : null;

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
    private static DateTimeOffset? Utc(DateTime? at) => at is { } a ? Utc(a) : null;
}

/// <summary>
/// A target missed (<c>sla_breaches</c>, one per clock and target): the cause (first response or resolution), when it
/// was due, when it was found, the policy, and how late in business minutes — as of detection, then final once the
/// target is completed. Service's reports read these rows.
/// </summary>
public sealed class SlaBreach
{
    public Guid Id { get; set; }
    public Guid ClockId { get; set; }
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public SlaTarget Target { get; set; }
    public Guid PolicyId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime DetectedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int LateMinutes { get; set; }
    /// <summary>Whom the breach was escalated to (the owner's team manager, else the owner); null when found only at completion.</summary>
    public Guid? EscalatedTo { get; set; }
}
