using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Quotes.Contracts;

/// <summary>A line as asked for: the product, the quantity, the line discount; the unit price, when given, must be the resolved one.</summary>
public sealed record QuoteLineInput(Guid ProductId, int Quantity, decimal? DiscountPercent, Money? UnitPrice);

/// <summary>A new quote for a customer, or for an opportunity (its customer); prices are resolved for the price date (today by default).</summary>
public sealed record CreateQuoteRequest(Guid? CustomerId, Guid? OpportunityId, Guid? ContactId, string? Title, bool TaxInclusive,
    decimal? TotalDiscountPercent, DateOnly? ValidUntil, DateOnly? PriceDate, string? Notes, IReadOnlyList<QuoteLineInput>? Lines);

/// <summary>The whole draft as it should be (If-Match): the lines replace the old ones.</summary>
public sealed record UpdateQuoteRequest(Guid? ContactId, string? Title, bool TaxInclusive, decimal? TotalDiscountPercent,
    DateOnly? ValidUntil, string? Notes, IReadOnlyList<QuoteLineInput>? Lines);

/// <summary>The customer's reason for saying no.</summary>
public sealed record RejectQuoteRequest(string? Reason);

/// <summary>A line with its source ("一级经销商 2026 价格表"; null: the product's own list price) and its amounts.</summary>
public sealed record QuoteLineDto(Guid Id, int LineNo, Guid ProductId, string Sku, string ProductName, string Unit, string? Specification,
    int Quantity, Money ListUnitPrice, Guid? PriceListId, string? PriceSource, decimal DiscountPercent, decimal VatRatePercent,
    Money NetAmount, Money TaxAmount, Money GrossAmount);

/// <summary>A quote with its lines, totals, revisions and approval state.</summary>
public sealed record QuoteDto(Guid Id, string Number, Guid RootId, int Revision, Guid CustomerId, string CustomerName, Guid? ContactId,
    Guid? OpportunityId, string Title, string Currency, bool TaxInclusive, decimal TotalDiscountPercent, DateOnly ValidUntil,
    DateOnly PriceDate, QuoteStatus Status, Money Subtotal, Money DiscountTotal, Money NetTotal, Money TaxTotal, Money GrandTotal,
    decimal MaxDiscountPercent, string? Notes, string? RejectionReason, Guid OwnerId, string OwnerName, Guid? TeamId,
    DateTime? SubmittedAt, DateTime? ApprovedAt, DateTime? SentAt, DateTime? DecidedAt, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? ArchivedAt, bool CanWrite, IReadOnlyList<QuoteLineDto> Lines, IReadOnlyList<QuoteRevisionDto> Revisions, long Version);

/// <summary>One revision of a quote.</summary>
public sealed record QuoteRevisionDto(Guid Id, int Revision, QuoteStatus Status, Money GrandTotal, DateTime CreatedAt);

/// <summary>A quote in a list.</summary>
public sealed record QuoteSummaryDto(Guid Id, string Number, int Revision, Guid CustomerId, string CustomerName, string Title,
    QuoteStatus Status, Money GrandTotal, DateOnly ValidUntil, Guid OwnerId, string OwnerName, DateTime CreatedAt, long Version);

/// <summary>Another open quote of the customer, possibly another rep's: who quoted what total, nothing more.</summary>
public sealed record OtherQuoteDto(Guid Id, string Number, int Revision, QuoteStatus Status, Money GrandTotal, DateOnly ValidUntil,
    Guid OwnerId, string OwnerName);
