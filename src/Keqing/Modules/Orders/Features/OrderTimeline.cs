using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Puts an order's events on its customer's timeline (DOMAIN T1): created, shipped, delivered, cancelled; in the
/// caller's unit of work. The created entry stands for the order; each status change is an entry of its own.
/// </summary>
public sealed class OrderTimeline(ITimelinePublisher publisher, IUserDirectory users)
{
    public const string Module = "orders";
    public const string Type = "order";

    public Task Created(Order o, Guid? userId, CancellationToken ct) =>
        Publish(o, o.Id, userId, FieldErrors.Text("Order {0} placed", o.Number),
            FieldErrors.Text("{0} including VAT, order date {1}.", Amount(o), o.OrderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), o.CreatedAt, ct);

    public Task Shipped(Order o, Guid? userId, CancellationToken ct) =>
        Publish(o, OrderedId.New(), userId, FieldErrors.Text("Order {0} shipped", o.Number), Amount(o), o.ShippedAt!.Value, ct);

    public Task Delivered(Order o, Guid? userId, CancellationToken ct) =>
        Publish(o, OrderedId.New(), userId, FieldErrors.Text("Order {0} delivered", o.Number), Amount(o), o.DeliveredAt!.Value, ct);

    public Task Cancelled(Order o, Guid? userId, CancellationToken ct) =>
        Publish(o, OrderedId.New(), userId, FieldErrors.Text("Order {0} cancelled", o.Number), Amount(o), o.CancelledAt!.Value, ct);

    private async Task Publish(Order o, Guid sourceId, Guid? userId, string title, string summary, DateTime at, CancellationToken ct)
    {
        var teamId = userId is { } u ? (await users.Find(u, ct))?.TeamId : o.TeamId;
        publisher.Publish(new TimelineEntryInput(o.CustomerId, at, Type, null, userId, teamId, title, summary, Module, sourceId));
    }

    private static string Amount(Order o) =>
        $"{o.GrandTotal.Amount.ToString("N2", CultureInfo.InvariantCulture)} {o.GrandTotal.Currency}";
}
