using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Orders.Contracts;
using MoneyValue = Keqing.Infrastructure.Money.Money;

namespace Keqing.Modules.Orders.Domain;

/// <summary>
/// A customer's order (订单, DOMAIN S3): made from an accepted quote in one click or entered directly; confirmed,
/// shipped, delivered or cancelled. Totals and cost are the sums of its lines, kept when the lines are saved. Its notes
/// may name the person it is for: a data-subject export and erasure of the customer cover them.
/// </summary>
[RecordType("orders.order")]
public sealed class Order : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The order number (SO-2026-000123).</summary>
    public string Number { get; set; } = "";
    [SubjectLink(SubjectType.Customer)] public Guid CustomerId { get; set; }
    public Guid? QuoteId { get; set; }
    public Guid? OpportunityId { get; set; }
    public DateOnly OrderDate { get; set; }
    public OrderStatus Status { get; set; }
    public string Currency { get; set; } = Keqing.Infrastructure.Money.Currencies.Default;
    /// <summary>Excluding VAT.</summary>
    public MoneyValue NetTotal { get; set; }
    public MoneyValue TaxTotal { get; set; }
    public MoneyValue GrandTotal { get; set; }
    /// <summary>The lines' cost (quantity × unit cost); the margin is <see cref="NetTotal"/> minus it.</summary>
    public MoneyValue CostTotal { get; set; }
    [Personal(Sensitivity.Private)] public string? Notes { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTime? ShippedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// One line of an order: what value analytics read, so it is narrow and carries its customer and date (no join to
/// the order for a customer's or a product's sales over time; designed for 10,000,000 lines). Amounts exclude VAT
/// except <see cref="TaxAmount"/>; margin = <see cref="NetAmount"/> − <see cref="Quantity"/> × <see cref="UnitCost"/>.
/// </summary>
public sealed class OrderLine
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid OrderId { get; set; }
    public int LineNo { get; set; }
    public Guid CustomerId { get; set; }
    public DateOnly OrderDate { get; set; }
    /// <summary>False once the order is cancelled (kept in step by the order's status change), so sums skip it without a join.</summary>
    public bool Counts { get; set; } = true;
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
    public MoneyValue NetAmount { get; set; }
    public MoneyValue TaxAmount { get; set; }
    public MoneyValue UnitCost { get; set; }
    public decimal VatRatePercent { get; set; }
}
