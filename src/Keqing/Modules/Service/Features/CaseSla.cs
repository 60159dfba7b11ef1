using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Sla.Contracts;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// A case's SLA clock (<see cref="ISlaClocks"/>), moved by the case's events inside the change that raised them (so a
/// clock changes exactly when its case does): opened → started under the policy matching its priority, type and the
/// customer's grade; waiting on the customer → paused; the customer's answer, or an agent's reply that does not wait →
/// resumed; the first public reply → first response; resolved → stopped and judged; closed or merged → stopped;
/// reopened → started again. Assignment, hand-over and a new priority or type call it directly.
/// </summary>
public sealed class CaseSla(KeqingDb db, ISlaClocks clocks, ICustomerDirectory customers, CaseAccess access) :
    IBeforeCommitHandler<CaseOpened>, IBeforeCommitHandler<CaseReplied>, IBeforeCommitHandler<CaseWaitingOnCustomer>,
    IBeforeCommitHandler<CaseCustomerReplied>, IBeforeCommitHandler<CaseResolved>, IBeforeCommitHandler<CaseClosed>,
    IBeforeCommitHandler<CaseReopened>
{
    /// <summary>The record type key SLA policies for cases name.</summary>
    public const string RecordType = "service.case";

    public Task Handle(CaseOpened e, CancellationToken ct) => Start(e.CaseId, e.At, ct);

    public Task Handle(CaseReopened e, CancellationToken ct) => Start(e.CaseId, e.At, ct);

    public Task Handle(CaseWaitingOnCustomer e, CancellationToken ct) => clocks.Pause(RecordType, e.CaseId, ct);

    public Task Handle(CaseCustomerReplied e, CancellationToken ct) => clocks.Resume(RecordType, e.CaseId, ct);

    public async Task Handle(CaseReplied e, CancellationToken ct)
    {
        if (e.FirstResponse) await clocks.MarkFirstResponse(RecordType, e.CaseId, ct);
        // A reply that does not ask the customer for anything ends the wait.
        if (await db.Set<ServiceCase>().FindAsync([e.CaseId], ct) is { Status: not CaseStatus.WaitingOnCustomer })
            await clocks.Resume(RecordType, e.CaseId, ct);
    }

    public Task Handle(CaseResolved e, CancellationToken ct) => clocks.Stop(RecordType, e.CaseId, resolved: true, ct);

    public Task Handle(CaseClosed e, CancellationToken ct) => clocks.Stop(RecordType, e.CaseId, resolved: false, ct);

    /// <summary>The case's priority or type changed (in the unit of work): its targets are those of the policy it matches now.</summary>
    public async Task Change(ServiceCase c, CancellationToken ct) => await clocks.Change(RecordType, c.Id, await Attributes(c, ct), ct);

    /// <summary>The customer's grade changed (in the unit of work, before it is saved): the case's targets follow the new grade.</summary>
    public Task Change(ServiceCase c, CustomerGrade? grade, CancellationToken ct) => clocks.Change(RecordType, c.Id, Attributes(c, grade), ct);

    /// <summary>The case has a new owner (in the unit of work): warnings and escalations go to them and their team.</summary>
    public Task Reassign(ServiceCase c, CancellationToken ct) => clocks.Reassign(RecordType, c.Id, c.OwnerId, c.TeamId, ct);

    /// <summary>The clock of a case the caller may see (404 otherwise); null when no policy applies to it.</summary>
    public async Task<SlaClockDto?> Current(Guid caseId, CancellationToken ct)
    {
        await access.Find(caseId, ct);
        return await clocks.Current(RecordType, caseId, ct);
    }

    private async Task Start(Guid caseId, DateTime at, CancellationToken ct)
    {
        if (await db.Set<ServiceCase>().FindAsync([caseId], ct) is not { } c) return;
        await clocks.Start(RecordType, c.Id, await Attributes(c, ct), c.OwnerId, c.TeamId,
            new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), $"{c.Number} · {c.Subject}", $"/cases/{c.Id}", ct);
    }

    /// <summary>What policies match on: the priority and type as their API names (urgent, complaint), the customer's grade (A–D).</summary>
    private async Task<SlaAttributes> Attributes(ServiceCase c, CancellationToken ct)
    {
        var grade = (await customers.Find([c.CustomerId], ct)).GetValueOrDefault(c.CustomerId)?.Grade;
        return Attributes(c, grade);
    }

    private static SlaAttributes Attributes(ServiceCase c, CustomerGrade? grade) =>
        new(c.Priority.ToString().ToLowerInvariant(), c.Type.ToString().ToLowerInvariant(), grade?.ToString());
}
