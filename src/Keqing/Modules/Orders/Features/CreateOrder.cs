using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Modules.Quotes.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Makes a confirmed order: entered directly on a customer the caller may see (lines priced from the customer's list),
/// or from an accepted quote in one call (lines copied with price and cost; one order per quote: a second is a 409).
/// Owned by the caller, or for a quote by the quote's owner; put on the customer's timeline.
/// </summary>
public sealed class CreateOrder(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, IQuoteReader quotes,
    PriceOrderLines pricing, CurrentUser currentUser, OrderTimeline timeline, GetOrder get, TimeProvider time,
    Infrastructure.Events.DomainEvents events, Infrastructure.Time.IUserTimeZones zones)
{
    public const int MaxNotes = 4000;

    public async Task<OrderDto> Direct(CreateOrderRequest r, CancellationToken ct)
    {
        if (r.QuoteId is { } quoteId) return await FromQuote(quoteId, r.Notes, ct);
        var errors = new FieldErrors();
        errors.MaxLength("notes", r.Notes, MaxNotes);
        if (r.CustomerId is not { } customerId || await customers.FindVisible(customerId, ct) is null)
        {
            errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
            errors.ThrowIfAny();
            return null!;
        }
        var today = await Today(ct);
        var date = r.OrderDate ?? today;
        CheckDate(date, today, errors);
        var (lines, currency) = errors.Any ? ([], "") : await pricing.Price(customerId, date, r.Lines, errors, ct);
        errors.ThrowIfAny();
        var me = currentUser.UserId;
        var order = New(customerId, date, currency, r.Notes, me, (await users.Find(me, ct))?.TeamId);
        return await Save(order, lines, ct);
    }

    public async Task<OrderDto> FromQuote(Guid quoteId, string? notes, CancellationToken ct)
    {
        new FieldErrors().MaxLength("notes", notes, MaxNotes).ThrowIfAny();
        var quote = await quotes.Accepted(quoteId, ct);
        // A quote one may not see is as unknown as one that does not exist; only accepted quotes become orders.
        if (quote is null || await customers.FindVisible(quote.CustomerId, ct) is null) throw new NotFoundException("accepted quote");
        if (await db.Set<Order>().AnyAsync(o => o.QuoteId == quoteId, ct))
            throw new ConflictException(FieldErrors.Text("Quote {0} already has an order.", quote.Number));
        var order = New(quote.CustomerId, await Today(ct), quote.Currency, notes, quote.OwnerId, quote.TeamId);
        order.QuoteId = quote.Id;
        order.OpportunityId = quote.OpportunityId;
        var lines = quote.Lines.Select(l => new OrderLine
        {
            LineNo = l.LineNo, ProductId = l.ProductId, Quantity = l.Quantity, NetAmount = l.NetAmount, TaxAmount = l.TaxAmount,
            UnitCost = l.UnitCost, VatRatePercent = l.VatRatePercent,
        }).ToList();
        return await Save(order, lines, ct);
    }

    /// <summary>An order date is within a year back and a month ahead (a typo, not a plan).</summary>
    public static void CheckDate(DateOnly date, DateOnly today, FieldErrors errors)
    {
        if (date < today.AddYears(-1) || date > today.AddMonths(1))
            errors.Add("orderDate", FieldErrors.Text("The order date is within a year back and a month ahead."));
    }

    /// <summary>Today where the acting user is: an order entered in Beijing before 08:00 is dated that day, not the day before.</summary>
    public Task<DateOnly> Today(CancellationToken ct) => Infrastructure.Time.UserTimeZonesExtensions.Today(zones, currentUser.UserIdOrNull, time, ct);

    private Order New(Guid customerId, DateOnly date, string currency, string? notes, Guid ownerId, Guid? teamId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var order = new Order
        {
            CustomerId = customerId, OrderDate = date, Status = OrderStatus.Confirmed, Currency = currency,
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), OwnerId = ownerId, TeamId = teamId,
            CreatedAt = now, UpdatedAt = now,
        };
        return order;
    }

    private async Task<OrderDto> Save(Order order, List<OrderLine> lines, CancellationToken ct)
    {
        OrderTotals.Apply(order, lines);
        db.Add(order);
        db.AddRange(lines);
        // SO-2026-000045: the number is taken and saved in one transaction, so two orders made at once never share one.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            order.Number = await DocumentNumbers.Next(db, db.Set<Order>().Select(o => o.Number), $"SO-{order.CreatedAt.Year}-", ct);
            await timeline.Created(order, currentUser.UserIdOrNull, ct);
            events.Raise(new OrderPlaced(order.Id, order.Number, order.CustomerId, order.OwnerId, order.CreatedAt));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        return await get.ToDto(order, ct);
    }
}
