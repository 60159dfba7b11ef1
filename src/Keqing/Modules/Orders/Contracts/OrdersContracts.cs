using System.Text.Json.Serialization;
using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Orders.Contracts;

/// <summary>What the Orders module lets a role do (granted in <see cref="OrdersModule"/>'s manifest).</summary>
public static class OrdersCapabilities
{
    /// <summary>Create orders (from accepted quotes or directly) and move them through their statuses.</summary>
    public const string Work = "orders.work";
}

/// <summary>An order's status.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("confirmed")] Confirmed = 1,
    [JsonStringEnumMemberName("shipped")] Shipped = 2,
    [JsonStringEnumMemberName("delivered")] Delivered = 3,
    [JsonStringEnumMemberName("cancelled")] Cancelled = 4,
}

/// <summary>One line as a caller sends it for an order entered directly: the price comes from the customer's price list.</summary>
public sealed record OrderLineInput(Guid? ProductId, int? Quantity);

/// <summary>
/// An order entered directly (lines priced through the price resolver) or, with <paramref name="QuoteId"/>, made from
/// an accepted quote (customer and lines come from the quote; the other fields but notes are ignored).
/// </summary>
public sealed record CreateOrderRequest(Guid? CustomerId = null, DateOnly? OrderDate = null, IReadOnlyList<OrderLineInput>? Lines = null,
    string? Notes = null, Guid? QuoteId = null);

/// <summary>A change to a confirmed order (If-Match): lines null keeps them; an order made from a quote keeps the quote's lines.</summary>
public sealed record UpdateOrderRequest(DateOnly? OrderDate, IReadOnlyList<OrderLineInput>? Lines, string? Notes);

/// <summary>One line of an order with its margin (net − quantity × unit cost) and margin % of net (null when net is 0).</summary>
public sealed record OrderLineDto(Guid Id, int LineNo, Guid ProductId, string Sku, string ProductName, string Unit, int Quantity,
    Money NetUnitPrice, Money NetAmount, Money TaxAmount, decimal VatRatePercent, Money UnitCost, Money Cost, Money Margin,
    decimal? MarginPercent);

/// <summary>An order with its lines and margin.</summary>
public sealed record OrderDto(Guid Id, string Number, Guid CustomerId, string CustomerName, Guid? QuoteId, Guid? OpportunityId,
    DateOnly OrderDate, OrderStatus Status, string Currency, Money NetTotal, Money TaxTotal, Money GrandTotal, Money CostTotal,
    Money Margin, decimal? MarginPercent, string? Notes, Guid OwnerId, string OwnerName, Guid? TeamId, DateTime? ShippedAt,
    DateTime? DeliveredAt, DateTime? CancelledAt, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ArchivedAt, bool CanWrite,
    IReadOnlyList<OrderLineDto> Lines, long Version);

/// <summary>An order in a list.</summary>
public sealed record OrderSummaryDto(Guid Id, string Number, Guid CustomerId, string CustomerName, DateOnly OrderDate,
    OrderStatus Status, Money NetTotal, Money GrandTotal, Money Margin, decimal? MarginPercent, Guid OwnerId, string OwnerName,
    DateTime CreatedAt, long Version);

/// <summary>Margin arithmetic of orders: exact to the fen, the percent rounded to two places.</summary>
public static class OrderMargin
{
    public static Money Of(Money net, Money cost) => net - cost;

    public static decimal? Percent(Money net, Money margin) =>
        net.IsZero ? null : Math.Round(margin.Amount / net.Amount * 100m, 2, MidpointRounding.AwayFromZero);
}
