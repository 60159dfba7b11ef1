using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Quotes.Features;

/// <summary>Puts a quote's events on its customer's timeline (DOMAIN T1): created, sent, accepted, rejected; in the caller's unit of work.</summary>
public sealed class QuoteTimeline(ITimelinePublisher publisher, IUserDirectory users)
{
    public const string Module = "quotes";
    public const string Type = "quote";

    public Task Created(Quote q, Guid? userId, CancellationToken ct) =>
        Publish(q, q.Id, userId, FieldErrors.Text("Quote {0} created", Name(q)), Amount(q), q.CreatedAt, ct);

    public Task Sent(Quote q, Guid? userId, CancellationToken ct) =>
        Publish(q, OrderedId.New(), userId, FieldErrors.Text("Quote {0} sent", Name(q)),
            FieldErrors.Text("{0}, valid until {1}.", Amount(q), q.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), q.SentAt!.Value, ct);

    public Task Accepted(Quote q, Guid? userId, CancellationToken ct) =>
        Publish(q, OrderedId.New(), userId, FieldErrors.Text("Quote {0} accepted", Name(q)), Amount(q), q.DecidedAt!.Value, ct);

    public Task Rejected(Quote q, Guid? userId, CancellationToken ct) =>
        Publish(q, OrderedId.New(), userId, FieldErrors.Text("Quote {0} rejected", Name(q)),
            FieldErrors.Text("{0}. Reason: {1}", Amount(q), q.RejectionReason ?? ""), q.DecidedAt!.Value, ct);

    private async Task Publish(Quote q, Guid sourceId, Guid? userId, string title, string summary, DateTime at, CancellationToken ct)
    {
        var teamId = userId is { } u ? (await users.Find(u, ct))?.TeamId : q.TeamId;
        publisher.Publish(new TimelineEntryInput(q.CustomerId, at, Type, null, userId, teamId, title, summary, Module, sourceId));
    }

    public static string Name(Quote q) => q.Revision > 1 ? $"{q.Number} v{q.Revision}" : q.Number;

    private static string Amount(Quote q) =>
        $"{q.GrandTotal.Amount.ToString("N2", CultureInfo.InvariantCulture)} {q.GrandTotal.Currency}";
}
