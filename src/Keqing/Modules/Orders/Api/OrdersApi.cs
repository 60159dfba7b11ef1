using Keqing.Infrastructure.Http;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Features;

namespace Keqing.Modules.Orders.Api;

/// <summary>Orders: list, read with margin, create directly or from an accepted quote, change, ship, deliver, cancel, archive.</summary>
public static class OrdersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization(OrdersCapabilities.Work);
        orders.MapGet("", (ListOrders handler, [AsParameters] ListParameters p, CancellationToken ct) =>
                handler.Handle(p.ToQuery(), p.Limit, p.After, ct))
            .WithSummary("The orders the caller may see, newest first, keyset-paged; filters status, customerId, ownerId, from and to (order dates).");
        orders.MapPost("", async (CreateOrderRequest request, CreateOrder handler, HttpResponse response, CancellationToken ct) =>
        {
            var order = await handler.Direct(request, ct);
            Preconditions.SetETag(response, order.Version);
            return TypedResults.Created($"/api/orders/{order.Id}", order);
        }).WithIdempotency()
            .WithSummary("Creates a confirmed order: lines priced from the customer's price list, or with quoteId the accepted quote's lines (one order per quote: 409).");
        // The route's id is the quote's.
        orders.MapPost("/from-quote/{id:guid}", async (Guid id, CreateOrder handler, HttpResponse response, CancellationToken ct) =>
        {
            var order = await handler.FromQuote(id, null, ct);
            Preconditions.SetETag(response, order.Version);
            return TypedResults.Created($"/api/orders/{order.Id}", order);
        }).WithIdempotency().WithSummary("Makes the order of an accepted quote, lines copied with price and cost; a second order of one quote is a 409.");
        orders.MapGet("/{id:guid}", async (Guid id, GetOrder handler, HttpResponse response, CancellationToken ct) =>
        {
            var order = await handler.Handle(id, ct);
            Preconditions.SetETag(response, order.Version);
            return TypedResults.Ok(order);
        }).WithSummary("One order with its lines and the margin (net − quantity × unit cost) of each line and of the order.");
        orders.MapPut("/{id:guid}", async (Guid id, UpdateOrderRequest request, SaveOrder handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, order.Version);
            return TypedResults.Ok(order);
        }).WithSummary("Changes a confirmed order (If-Match): date, notes and, for an order entered directly, the lines (priced again).");
        orders.MapDelete("/{id:guid}", async (Guid id, SaveOrder handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Archives the order.");
        orders.MapPost("/{id:guid}/ship", (Guid id, MoveOrder handler, CancellationToken ct) => handler.Ship(id, ct))
            .WithSummary("Confirmed → shipped.");
        orders.MapPost("/{id:guid}/deliver", (Guid id, MoveOrder handler, CancellationToken ct) => handler.Deliver(id, ct))
            .WithSummary("Shipped → delivered.");
        orders.MapPost("/{id:guid}/cancel", (Guid id, MoveOrder handler, CancellationToken ct) => handler.Cancel(id, ct))
            .WithSummary("Cancels a confirmed or shipped order; its lines stop counting (last prices, analytics).");
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(string? Status, Guid? CustomerId, Guid? OwnerId, DateOnly? From, DateOnly? To, int? Limit, string? After)
    {
        public OrderQuery ToQuery() => new(QueryValues.Enum<OrderStatus>(Status, "status"), CustomerId, OwnerId, From, To);
    }
}
