using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Sla.Contracts;

namespace Keqing.Modules.Sla.Domain;

/// <summary>The targets a policy sets: first response (optional) and resolution in business time, and the warning point.</summary>
public sealed record SlaTargets(TimeSpan? FirstResponse, TimeSpan Resolution, int WarningPercent = SlaTargets.DefaultWarningPercent)
{
    public const int DefaultWarningPercent = 80;

    public TimeSpan? Of(SlaTarget target) => target == SlaTarget.FirstResponse ? FirstResponse : Resolution;
}

/// <summary>
/// An SLA clock as a pure value (no I/O; every instant comes from the caller, on <see cref="TimeProvider"/>'s clock):
/// it counts business time on a <see cref="BusinessCalendar"/> from <see cref="StartedAt"/>, less the business time it
/// spent paused (waiting on the customer). A target's due instant is where the counted time reaches the target, so a
/// pause pushes it later by exactly the business time paused, and a change of targets (a new priority) recomputes it
/// from the original start. A target is breached once its counted time reaches it while pending (the job's view), and
/// met when completed within it (a response at the due instant meets it).
/// </summary>
public sealed record SlaClock(
    DateTimeOffset StartedAt,
    SlaTargets Targets,
    TimeSpan PausedBusiness = default,
    DateTimeOffset? PausedAt = null,
    DateTimeOffset? FirstRespondedAt = null,
    TimeSpan? FirstResponseElapsed = null,
    DateTimeOffset? StoppedAt = null,
    bool Resolved = false)
{
    public static SlaClock Start(DateTimeOffset at, SlaTargets targets) => new(at, targets);

    public bool IsPaused => PausedAt is not null;
    public bool IsStopped => StoppedAt is not null;

    /// <summary>Stops counting (waiting on the customer); a paused or stopped clock stays as it is.</summary>
    public SlaClock Pause(DateTimeOffset at) => IsPaused || IsStopped ? this : this with { PausedAt = Latest(at, StartedAt) };

    /// <summary>Counts again; the business time paused is added to <see cref="PausedBusiness"/>.</summary>
    public SlaClock Resume(BusinessCalendar calendar, DateTimeOffset at) => PausedAt is not { } pausedAt || IsStopped ? this
        : this with { PausedAt = null, PausedBusiness = PausedBusiness + calendar.Between(pausedAt, Latest(at, pausedAt)) };

    /// <summary>New targets (a priority or type change), counted from the original start.</summary>
    public SlaClock Change(SlaTargets targets) => IsStopped ? this : this with { Targets = targets };

    /// <summary>The first response: its counted time is kept; later calls change nothing.</summary>
    public SlaClock RespondFirst(BusinessCalendar calendar, DateTimeOffset at) => FirstRespondedAt is not null || IsStopped ? this
        : this with { FirstRespondedAt = Latest(at, StartedAt), FirstResponseElapsed = Elapsed(calendar, Latest(at, StartedAt)) };

    /// <summary>
    /// The end: <paramref name="resolved"/> judges the resolution target (a resolution unanswered before counts as the
    /// first response too); not resolved (cancelled, deleted) judges nothing that was still pending.
    /// </summary>
    public SlaClock Stop(BusinessCalendar calendar, DateTimeOffset at, bool resolved)
    {
        if (IsStopped) return this;
        var running = Resume(calendar, at);
        if (resolved) running = running.RespondFirst(calendar, at);
        return running with { StoppedAt = Latest(at, StartedAt), Resolved = resolved };
    }

    /// <summary>The business time counted as of <paramref name="now"/> (frozen while paused, final once stopped).</summary>
    public TimeSpan Elapsed(BusinessCalendar calendar, DateTimeOffset now)
    {
        var end = StoppedAt ?? PausedAt ?? now;
        if (end <= StartedAt) return TimeSpan.Zero;
        var counted = calendar.Between(StartedAt, end) - PausedBusiness;
        return counted < TimeSpan.Zero ? TimeSpan.Zero : counted;
    }

    /// <summary>The business time counted against one target: the first response's is fixed once it happened.</summary>
    public TimeSpan ElapsedFor(SlaTarget target, BusinessCalendar calendar, DateTimeOffset now) =>
        target == SlaTarget.FirstResponse && FirstResponseElapsed is { } fixedAtResponse ? fixedAtResponse : Elapsed(calendar, now);

    /// <summary>Whether a target is still to be completed (it exists, the clock runs or is paused, and it has not happened).</summary>
    public bool IsPending(SlaTarget target) => Targets.Of(target) is not null && !IsStopped
        && (target == SlaTarget.Resolution || FirstRespondedAt is null);

    /// <summary>When a target falls due at the present pace; null without the target or while paused (unknown until resumed).</summary>
    public DateTimeOffset? DueAt(BusinessCalendar calendar, SlaTarget target) =>
        Targets.Of(target) is { } t && !IsPaused ? calendar.Add(StartedAt, t + PausedBusiness) : null;

    /// <summary>When a target reaches its warning percentage; null as <see cref="DueAt"/>.</summary>
    public DateTimeOffset? WarnAt(BusinessCalendar calendar, SlaTarget target) =>
        Targets.Of(target) is { } t && !IsPaused ? calendar.Add(StartedAt, WarningPoint(t) + PausedBusiness) : null;

    public TimeSpan WarningPoint(TimeSpan target) => TimeSpan.FromTicks(target.Ticks * Math.Clamp(Targets.WarningPercent, 1, 100) / 100);

    /// <summary>Where one target stands at <paramref name="now"/>; null when the policy sets no such target.</summary>
    public SlaState? StateOf(SlaTarget target, BusinessCalendar calendar, DateTimeOffset now)
    {
        if (Targets.Of(target) is not { } t) return null;
        var elapsed = ElapsedFor(target, calendar, now);
        var completed = target == SlaTarget.FirstResponse ? FirstRespondedAt is not null : IsStopped && Resolved;
        if (completed) return elapsed <= t ? SlaState.Met : SlaState.Breached;
        if (elapsed >= t) return SlaState.Breached;
        if (IsStopped) return SlaState.Cancelled;
        if (IsPaused) return SlaState.Paused;
        return elapsed >= WarningPoint(t) ? SlaState.Warned : SlaState.Running;
    }

    /// <summary>The clock's state: breached if any target is; else met or cancelled once stopped; else paused, warned or running.</summary>
    public SlaState State(BusinessCalendar calendar, DateTimeOffset now)
    {
        var states = new[] { StateOf(SlaTarget.FirstResponse, calendar, now), StateOf(SlaTarget.Resolution, calendar, now) };
        if (states.Contains(SlaState.Breached)) return SlaState.Breached;
        if (IsStopped) return Resolved ? SlaState.Met : SlaState.Cancelled;
        if (IsPaused) return SlaState.Paused;
        return states.Contains(SlaState.Warned) ? SlaState.Warned : SlaState.Running;
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
