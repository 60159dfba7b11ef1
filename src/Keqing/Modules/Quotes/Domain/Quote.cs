using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Quotes.Contracts;
using MoneyValue = Keqing.Infrastructure.Money.Money;

namespace Keqing.Modules.Quotes.Domain;

/// <summary>
/// A priced offer to a customer (报价单, DOMAIN S3), from an opportunity or the customer directly. Revising makes a
/// new quote with the same <see cref="RootId"/> and the next <see cref="Revision"/>; the old one stays as it was.
/// Totals are stored as computed by <c>QuoteMath</c> (exact to the fen) when the lines were last saved. Its free text
/// (title, notes, rejection reason) may name the person it is for: a data-subject export and erasure of the customer
/// cover it.
/// </summary>
[RecordType("quotes.quote")]
public sealed class Quote : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The quote number shown to the customer (Q-2026-000123); revisions share it and add "v2".</summary>
    public string Number { get; set; } = "";
    /// <summary>The first revision's id: every revision of one quote has the same root.</summary>
    public Guid RootId { get; set; }
    public int Revision { get; set; } = 1;
    [SubjectLink(SubjectType.Customer)] public Guid CustomerId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? OpportunityId { get; set; }
    [Personal(Sensitivity.Private)] public string Title { get; set; } = "";
    public string Currency { get; set; } = Keqing.Infrastructure.Money.Currencies.Default;
    /// <summary>Whether line prices include VAT (含税) or exclude it (不含税).</summary>
    public bool TaxInclusive { get; set; }
    /// <summary>A discount on the whole quote in percent (0–100), applied after the line discounts.</summary>
    public decimal TotalDiscountPercent { get; set; }
    /// <summary>The date the price is valid through; after it an unsent or sent quote expires.</summary>
    public DateOnly ValidUntil { get; set; }
    /// <summary>The date prices were resolved for (the quote's date).</summary>
    public DateOnly PriceDate { get; set; }
    public QuoteStatus Status { get; set; }
    public MoneyValue Subtotal { get; set; }
    public MoneyValue DiscountTotal { get; set; }
    public MoneyValue NetTotal { get; set; }
    public MoneyValue TaxTotal { get; set; }
    public MoneyValue GrandTotal { get; set; }
    /// <summary>The largest effective discount of any line in percent (line and total discount together): what approval flows test.</summary>
    public decimal MaxDiscountPercent { get; set; }
    [Personal(Sensitivity.Private)] public string? Notes { get; set; }
    [Personal(Sensitivity.Private)] public string? RejectionReason { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// One line of a quote: the product as it was when quoted, the quantity, the price from the resolved list (and which
/// list), the line's discount, and the computed amounts (each rounded once to the fen).
/// </summary>
public sealed class QuoteLine
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid QuoteId { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string ProductName { get; set; } = "";
    public string Unit { get; set; } = "";
    public string? Specification { get; set; }
    public int Quantity { get; set; }
    /// <summary>The resolved unit price (excluding VAT unless the quote is tax-inclusive: then including it).</summary>
    public MoneyValue ListUnitPrice { get; set; }
    public Guid? PriceListId { get; set; }
    /// <summary>Where the price came from ("一级经销商 2026 价格表"); null: the product's list price.</summary>
    public string? PriceSource { get; set; }
    public decimal DiscountPercent { get; set; }
    public decimal VatRatePercent { get; set; }
    /// <summary>After the line discount and the quote's total discount, excluding VAT.</summary>
    public MoneyValue NetAmount { get; set; }
    public MoneyValue TaxAmount { get; set; }
    public MoneyValue GrossAmount { get; set; }
    /// <summary>The product's unit cost when quoted (for the margin an order copies).</summary>
    public MoneyValue UnitCost { get; set; }
}
