using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Changes a confirmed order (If-Match): date, notes and, for an order entered directly, its lines (priced again from
/// the customer's list); archives an order.
/// </summary>
public sealed class SaveOrder(KeqingDb db, IRecordAccess access, PriceOrderLines pricing, GetOrder get, TimeProvider time)
{
    public async Task<OrderDto> Update(Guid id, long expectedVersion, UpdateOrderRequest r, CancellationToken ct)
    {
        var order = await Writable(id, ct);
        if (order.Status != OrderStatus.Confirmed)
            throw new ConflictException(FieldErrors.Text("Only a confirmed order can be changed."));
        var errors = new FieldErrors();
        errors.MaxLength("notes", r.Notes, CreateOrder.MaxNotes);
        var date = r.OrderDate ?? order.OrderDate;
        if (date != order.OrderDate) CreateOrder.CheckDate(date, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);
        if (r.Lines is not null && order.QuoteId is not null)
            errors.Add("lines", FieldErrors.Text("An order made from a quote keeps the quote's lines."));
        List<OrderLine>? newLines = null;
        var currency = order.Currency;
        if (r.Lines is not null && !errors.Any) (newLines, currency) = await pricing.Price(order.CustomerId, date, r.Lines, errors, ct);
        errors.ThrowIfAny();
        Preconditions.ExpectVersion(db, order, expectedVersion);

        order.OrderDate = date;
        order.Notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim();
        order.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var oldLines = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.LineNo).ToListAsync(ct);
        if (newLines is not null)
        {
            // Line numbers are unique per order: the old lines take the new values in place, the rest are added or removed.
            for (var i = 0; i < newLines.Count && i < oldLines.Count; i++)
            {
                var (target, source) = (oldLines[i], newLines[i]);
                (target.LineNo, target.ProductId, target.Quantity, target.NetAmount, target.TaxAmount, target.UnitCost, target.VatRatePercent) =
                    (source.LineNo, source.ProductId, source.Quantity, source.NetAmount, source.TaxAmount, source.UnitCost, source.VatRatePercent);
                newLines[i] = target;
            }
            db.AddRange(newLines.Skip(oldLines.Count));
            db.RemoveRange(oldLines.Skip(newLines.Count));
            order.Currency = currency;
            oldLines = newLines;
        }
        OrderTotals.Apply(order, oldLines);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(order, ct);
    }

    /// <summary>Archives the order: it leaves the lists and keeps its lines (a cancelled order's lines no longer count).</summary>
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var order = await Writable(id, ct);
        order.ArchivedAt = order.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A live order the caller may see (404 otherwise) and change (403 otherwise), tracked.</summary>
    public async Task<Order> Writable(Guid id, CancellationToken ct)
    {
        var order = await access.FindVisible(db.Set<Order>().Where(o => o.ArchivedAt == null), id, ct);
        await access.EnsureCanWrite(order, ct);
        return order;
    }
}
