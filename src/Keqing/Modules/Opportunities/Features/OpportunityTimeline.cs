using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Puts an opportunity's events on its customer's timeline (DOMAIN T1): created, moved to a stage, won, lost; in the
/// caller's unit of work. Each event is an entry of its own: the created entry stands for the opportunity, a move for
/// its stage change, a win or loss for itself.
/// </summary>
public sealed class OpportunityTimeline(ITimelinePublisher publisher, IUserDirectory users)
{
    public const string Module = "opportunities";
    public const string Type = "opportunity";

    public Task Created(Opportunity o, string stageName, Guid? userId, CancellationToken ct) =>
        Publish(o, o.Id, userId, FieldErrors.Text("Opportunity {0} created", o.Name),
            FieldErrors.Text("{0}, stage {1}, expected to close {2}.", Amount(o), stageName, Day(o.ExpectedCloseDate)), o.CreatedAt, ct);

    public Task Moved(Opportunity o, StageChange change, string fromStage, string toStage, Guid? userId, CancellationToken ct) =>
        Publish(o, change.Id, userId, FieldErrors.Text("Opportunity {0}: {1} → {2}", o.Name, fromStage, toStage),
            FieldErrors.Text("{0}, probability {1} %.", Amount(o), o.Probability), change.ChangedAt, ct);

    public Task Won(Opportunity o, Guid? userId, CancellationToken ct) =>
        Publish(o, OrderedId.New(), userId, FieldErrors.Text("Opportunity {0} won", o.Name),
            FieldErrors.Text("{0}. Reason: {1}", Amount(o), o.CloseReason ?? ""), o.ClosedAt!.Value, ct);

    public Task Lost(Opportunity o, Guid? userId, CancellationToken ct) =>
        Publish(o, OrderedId.New(), userId, FieldErrors.Text("Opportunity {0} lost", o.Name),
            o.LostTo is null ? FieldErrors.Text("{0}. Reason: {1}", Amount(o), o.CloseReason ?? "")
                : FieldErrors.Text("{0}. Reason: {1}. Lost to {2}.", Amount(o), o.CloseReason ?? "", o.LostTo), o.ClosedAt!.Value, ct);

    private async Task Publish(Opportunity o, Guid sourceId, Guid? userId, string title, string summary, DateTime at, CancellationToken ct)
    {
        var teamId = userId is { } u ? (await users.Find(u, ct))?.TeamId : o.TeamId;
        publisher.Publish(new TimelineEntryInput(o.CustomerId, at, Type, null, userId, teamId, title, summary, Module, sourceId));
    }

    private static string Amount(Opportunity o) =>
        $"{o.Amount.Amount.ToString("N2", CultureInfo.InvariantCulture)} {o.Amount.Currency}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
