using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Puts a case's events on its customer's timeline (DOMAIN T1, chip 工单): opened, each public reply and customer
/// message, resolved, closed, reopened. It listens to the case events before they commit, so an entry is written with
/// the change or not at all; internal notes never reach the timeline.
/// </summary>
public sealed class CaseTimeline(KeqingDb db, ITimelinePublisher publisher, IUserDirectory users, CurrentUser user)
    : IBeforeCommitHandler<CaseOpened>, IBeforeCommitHandler<CaseReplied>, IBeforeCommitHandler<CaseCustomerReplied>,
      IBeforeCommitHandler<CaseResolved>, IBeforeCommitHandler<CaseClosed>, IBeforeCommitHandler<CaseReopened>
{
    public const string Module = "service";
    public const string Type = "case";

    public async Task Handle(CaseOpened e, CancellationToken ct)
    {
        var c = await Case(e.CaseId, ct);
        await Publish(c, c.Id, FieldErrors.Text("Case {0} opened: {1}", c.Number, c.Subject), Clip(c.Description), e.At, ct);
    }

    public async Task Handle(CaseReplied e, CancellationToken ct)
    {
        var c = await Case(e.CaseId, ct);
        var message = await db.Set<CaseMessage>().FindAsync([e.MessageId], ct);
        await Publish(c, e.MessageId, FieldErrors.Text("Reply on case {0}", c.Number), Clip(message?.Body), e.At, ct);
    }

    public async Task Handle(CaseCustomerReplied e, CancellationToken ct)
    {
        var c = await Case(e.CaseId, ct);
        var message = await db.Set<CaseMessage>().FindAsync([e.MessageId], ct);
        await Publish(c, e.MessageId, FieldErrors.Text("The customer wrote on case {0}", c.Number), Clip(message?.Body), e.At, ct);
    }

    public async Task Handle(CaseResolved e, CancellationToken ct)
    {
        var c = await Case(e.CaseId, ct);
        await Publish(c, OrderedId.New(), FieldErrors.Text("Case {0} resolved", c.Number), c.Subject, e.At, ct);
    }

    public async Task Handle(CaseClosed e, CancellationToken ct)
    {
        var c = await Case(e.CaseId, ct);
        var title = e.MergedIntoId is { } into && await db.Set<ServiceCase>().FindAsync([into], ct) is { } survivor
            ? FieldErrors.Text("Case {0} merged into {1}", c.Number, survivor.Number)
            : FieldErrors.Text("Case {0} closed", c.Number);
        await Publish(c, OrderedId.New(), title, c.Subject, e.At, ct);
    }

    public async Task Handle(CaseReopened e, CancellationToken ct)
    {
        var c = await Case(e.CaseId, ct);
        await Publish(c, OrderedId.New(), FieldErrors.Text("Case {0} reopened", c.Number), c.Subject, e.At, ct);
    }

    private async Task<ServiceCase> Case(Guid id, CancellationToken ct) =>
        await db.Set<ServiceCase>().FindAsync([id], ct) ?? throw new InvalidOperationException($"Case {id} is not in this unit of work.");

    private async Task Publish(ServiceCase c, Guid sourceId, string title, string? summary, DateTime at, CancellationToken ct)
    {
        var userId = user.UserIdOrNull;
        var teamId = userId is { } u ? (await users.Find(u, ct))?.TeamId : c.TeamId;
        publisher.Publish(new TimelineEntryInput(c.CustomerId, at, Type, null, userId, teamId, title, summary, Module, sourceId));
    }

    private static string? Clip(string? text) => text is null ? null : text.Length <= 300 ? text : text[..300] + "…";
}
