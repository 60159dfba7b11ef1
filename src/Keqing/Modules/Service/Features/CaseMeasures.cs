using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Sla.Contracts;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Keeps each case's report figures (<see cref="CaseMeasure"/>) as its events happen, in the same unit of work: business
/// minutes on the company calendar to the first response and to the resolution, an SLA breach (the case's clock, when
/// it has one, shows a breached target), and the number of reopenings.
/// </summary>
public sealed class CaseMeasures(KeqingDb db, ICompanyCalendar calendar, ISlaClocks clocks)
    : IBeforeCommitHandler<CaseReplied>, IBeforeCommitHandler<CaseResolved>, IBeforeCommitHandler<CaseReopened>
{
    private static readonly string CaseType = RecordTypes.KeyOf<ServiceCase>();

    public async Task Handle(CaseReplied e, CancellationToken ct)
    {
        if (!e.FirstResponse || await db.Set<ServiceCase>().FindAsync([e.CaseId], ct) is not { } c) return;
        var measure = await MeasureOf(c.Id, ct);
        measure.FirstResponseMinutes = await BusinessMinutes(c.CreatedAt, e.At, ct);
        measure.Breached |= await Breached(c.Id, ct);
    }

    public async Task Handle(CaseResolved e, CancellationToken ct)
    {
        if (await db.Set<ServiceCase>().FindAsync([e.CaseId], ct) is not { } c) return;
        var measure = await MeasureOf(c.Id, ct);
        measure.ResolutionMinutes = await BusinessMinutes(c.CreatedAt, e.At, ct);
        measure.Breached |= await Breached(c.Id, ct);
    }

    public async Task Handle(CaseReopened e, CancellationToken ct)
    {
        var measure = await MeasureOf(e.CaseId, ct);
        measure.Reopens++;
        measure.ResolutionMinutes = null;
    }

    private async Task<CaseMeasure> MeasureOf(Guid caseId, CancellationToken ct)
    {
        if (await db.Set<CaseMeasure>().FindAsync([caseId], ct) is { } existing) return existing;
        var measure = new CaseMeasure { CaseId = caseId };
        db.Add(measure);
        return measure;
    }

    private async Task<int> BusinessMinutes(DateTime from, DateTime to, CancellationToken ct)
    {
        var business = await calendar.Current(ct);
        var minutes = business.Between(Utc(from), Utc(to)).TotalMinutes;
        return (int)Math.Round(Math.Max(0, minutes));
    }

    private async Task<bool> Breached(Guid caseId, CancellationToken ct) =>
        await clocks.Current(CaseType, caseId, ct) is { } clock
        && (clock.State == SlaState.Breached || clock.Targets.Any(t => t.State == SlaState.Breached));

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
