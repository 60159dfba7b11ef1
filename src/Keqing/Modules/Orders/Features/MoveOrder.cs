using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// An order's statuses: confirmed → shipped → delivered; cancelled from confirmed or shipped, which stops its lines
/// counting in the same save. Each move is on the customer's timeline.
/// </summary>
public sealed class MoveOrder(KeqingDb db, SaveOrder save, OrderTimeline timeline, CurrentUser currentUser, GetOrder get, TimeProvider time)
{
    public async Task<OrderDto> Ship(Guid id, CancellationToken ct)
    {
        var order = await From(id, OrderStatus.Confirmed, FieldErrors.Text("Only a confirmed order can be shipped."), ct);
        order.Status = OrderStatus.Shipped;
        order.ShippedAt = order.UpdatedAt = Now();
        await timeline.Shipped(order, currentUser.UserIdOrNull, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(order, ct);
    }

    public async Task<OrderDto> Deliver(Guid id, CancellationToken ct)
    {
        var order = await From(id, OrderStatus.Shipped, FieldErrors.Text("Only a shipped order can be delivered."), ct);
        order.Status = OrderStatus.Delivered;
        order.DeliveredAt = order.UpdatedAt = Now();
        await timeline.Delivered(order, currentUser.UserIdOrNull, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(order, ct);
    }

    public async Task<OrderDto> Cancel(Guid id, CancellationToken ct)
    {
        var order = await save.Writable(id, ct);
        if (order.Status is not (OrderStatus.Confirmed or OrderStatus.Shipped))
            throw new ConflictException(FieldErrors.Text("Only a confirmed or shipped order can be cancelled."));
        order.Status = OrderStatus.Cancelled;
        order.CancelledAt = order.UpdatedAt = Now();
        foreach (var line in await db.Set<OrderLine>().Where(l => l.OrderId == order.Id).ToListAsync(ct)) line.Counts = false;
        await timeline.Cancelled(order, currentUser.UserIdOrNull, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(order, ct);
    }

    private async Task<Order> From(Guid id, OrderStatus expected, string refusal, CancellationToken ct)
    {
        var order = await save.Writable(id, ct);
        if (order.Status != expected) throw new ConflictException(refusal);
        return order;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
