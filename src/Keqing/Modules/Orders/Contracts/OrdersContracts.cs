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

/// <summary>The last price a customer paid for a product: the net unit price of its latest order line that counts.</summary>
public sealed record LastPrice(Guid ProductId, Money NetUnitPrice, int Quantity, DateOnly OrderDate, Guid OrderId);

/// <summary>What a customer paid before, so no rep quotes blind.</summary>
public interface ILastPrices
{
    /// <summary>For each of these products the customer's latest counted order line (products never ordered are left out).</summary>
    Task<IReadOnlyDictionary<Guid, LastPrice>> Of(Guid customerId, IReadOnlyCollection<Guid> productIds, CancellationToken ct);
}
