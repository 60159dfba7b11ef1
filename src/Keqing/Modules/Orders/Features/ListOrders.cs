using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>The filters of the order list (all optional; from and to are order dates, both included).</summary>
public sealed record OrderQuery(OrderStatus? Status = null, Guid? CustomerId = null, Guid? OwnerId = null, DateOnly? From = null,
    DateOnly? To = null);

/// <summary>The live orders the caller may see, filtered, newest first, keyset-paged.</summary>
public sealed class ListOrders(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IUserDirectory users)
{
    private sealed record Cursor(DateTime CreatedAt, Guid Id);

    public async Task<Page<OrderSummaryDto>> Handle(OrderQuery q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        // The filters first, so every branch of record access's union carries them to its index.
        var query = db.Set<Order>().AsNoTracking().Where(o => o.ArchivedAt == null);
        if (q.Status is { } status) query = query.Where(o => o.Status == status);
        if (q.CustomerId is { } customer) query = query.Where(o => o.CustomerId == customer);
        if (q.OwnerId is { } owner) query = query.Where(o => o.OwnerId == owner);
        if (q.From is { } from) query = query.Where(o => o.OrderDate >= from);
        if (q.To is { } to) query = query.Where(o => o.OrderDate <= to);
        query = await access.Visible(query, ct);
        if (Paging.Decode<Cursor>(after) is { } c)
            query = query.Where(o => o.CreatedAt < c.CreatedAt || (o.CreatedAt == c.CreatedAt && o.Id.CompareTo(c.Id) < 0));
        var rows = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, o => new Cursor(o.CreatedAt, o.Id));
        var customerNames = await customers.Find(page.Items.Select(o => o.CustomerId).Distinct(), ct);
        var ownerNames = await users.Names(page.Items.Select(o => o.OwnerId).Distinct(), ct);
        return new Page<OrderSummaryDto>([.. page.Items.Select(o =>
        {
            var margin = OrderMargin.Of(o.NetTotal, o.CostTotal);
            return new OrderSummaryDto(o.Id, o.Number, o.CustomerId, customerNames.GetValueOrDefault(o.CustomerId)?.Name ?? "", o.OrderDate,
                o.Status, o.NetTotal, o.GrandTotal, margin, OrderMargin.Percent(o.NetTotal, margin), o.OwnerId,
                ownerNames.GetValueOrDefault(o.OwnerId) ?? "", o.CreatedAt, o.Version);
        })], page.Next);
    }
}
