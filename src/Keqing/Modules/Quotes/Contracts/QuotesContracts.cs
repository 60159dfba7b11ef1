using System.Text.Json.Serialization;
using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Quotes.Contracts;

/// <summary>What the Quotes module lets a role do (granted in <see cref="QuotesModule"/>'s manifest).</summary>
public static class QuotesCapabilities
{
    /// <summary>Create, revise, submit, send and record the answer to the quotes one may see.</summary>
    public const string Work = "quotes.work";
    /// <summary>Set the company header of printed quotes and the reps' discount limits.</summary>
    public const string ManageSettings = "quotes.settings.manage";
}

/// <summary>draft → pending approval → approved → sent → accepted / rejected / expired (DOMAIN S3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuoteStatus>))]
public enum QuoteStatus
{
    [JsonStringEnumMemberName("draft")] Draft = 1,
    [JsonStringEnumMemberName("pending-approval")] PendingApproval = 2,
    [JsonStringEnumMemberName("approved")] Approved = 3,
    [JsonStringEnumMemberName("sent")] Sent = 4,
    [JsonStringEnumMemberName("accepted")] Accepted = 5,
    [JsonStringEnumMemberName("rejected")] Rejected = 6,
    [JsonStringEnumMemberName("expired")] Expired = 7,
    /// <summary>Replaced by a newer revision.</summary>
    [JsonStringEnumMemberName("superseded")] Superseded = 8,
}

/// <summary>An accepted quote as the Orders module copies it into an order.</summary>
public sealed record AcceptedQuote(Guid Id, string Number, Guid CustomerId, Guid? OpportunityId, Guid OwnerId, Guid? TeamId,
    string Currency, bool TaxInclusive, IReadOnlyList<AcceptedQuoteLine> Lines);

/// <summary>One line as ordered: net unit price (after every discount, excluding VAT), amounts and the unit cost.</summary>
public sealed record AcceptedQuoteLine(int LineNo, Guid ProductId, string Sku, string ProductName, string Unit, int Quantity,
    Money NetAmount, Money TaxAmount, Money UnitCost, decimal VatRatePercent);

/// <summary>Quotes for other modules.</summary>
public interface IQuoteReader
{
    /// <summary>The quote if it exists and is accepted, else null.</summary>
    Task<AcceptedQuote?> Accepted(Guid quoteId, CancellationToken ct);
}

/// <summary>The last price a customer paid for a product: the net unit price of its latest order line that counts.</summary>
public sealed record LastPrice(Guid ProductId, Money NetUnitPrice, int Quantity, DateOnly OrderDate, Guid OrderId);

/// <summary>
/// What a customer paid before, so no rep quotes blind (the quote page's last prices). Quotes asks, Orders answers
/// (it holds the order lines and contributes the implementation): Orders already depends on Quotes for accepted quotes,
/// so the interface lives here to keep the dependency one-way.
/// </summary>
public interface ILastPrices
{
    /// <summary>For each of these products the customer's latest counted order line (products never ordered are left out).</summary>
    Task<IReadOnlyDictionary<Guid, LastPrice>> Of(Guid customerId, IReadOnlyCollection<Guid> productIds, CancellationToken ct);
}
