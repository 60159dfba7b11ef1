using Keqing.Infrastructure.Http;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Features;

namespace Keqing.Modules.Quotes.Api;

/// <summary>Quotes: list, read, create, change a draft, revise, submit, send, the customer's answer, archive.</summary>
public static class QuotesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var quotes = api.MapGroup("/quotes").WithTags("Quotes").RequireAuthorization(QuotesCapabilities.Work);
        quotes.MapGet("", (ListQuotes handler, [AsParameters] ListParameters p, CancellationToken ct) => handler.Handle(p.ToQuery(), p.Limit, p.After, ct))
            .WithSummary("The quotes the caller may see, newest first, keyset-paged; filters mine=true, status (superseded revisions only when asked for), customerId, opportunityId, shared=true (others' quotes shared with me).");
        quotes.MapGet("/open", (Guid? customerId, Guid? exceptRootId, ListQuotes handler, CancellationToken ct) =>
                handler.OpenOfCustomer(customerId ?? throw new ValidationFailedException("customerId", FieldErrors.Text("Required.")), exceptRootId, ct))
            .WithSummary("The customer's open quotes (pending approval, approved, sent) from every rep: number, rep, status and total only.");
        quotes.MapPost("", async (CreateQuoteRequest request, SaveQuote handler, HttpResponse response, CancellationToken ct) =>
        {
            var quote = await handler.Create(request, ct);
            Preconditions.SetETag(response, quote.Version);
            return TypedResults.Created($"/api/quotes/{quote.Id}", quote);
        }).WithIdempotency()
            .WithSummary("A draft quote for a customer or an opportunity's customer; each line's price is resolved from the price lists (a unitPrice given must equal it).");
        quotes.MapGet("/{id:guid}", async (Guid id, GetQuote handler, HttpResponse response, CancellationToken ct) =>
        {
            var quote = await handler.Handle(id, ct);
            Preconditions.SetETag(response, quote.Version);
            return TypedResults.Ok(quote);
        }).WithSummary("One quote with its lines (each with its price's source), totals and revisions.");
        quotes.MapPut("/{id:guid}", async (Guid id, UpdateQuoteRequest request, SaveQuote handler, HttpContext http, CancellationToken ct) =>
        {
            var quote = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, quote.Version);
            return TypedResults.Ok(quote);
        }).WithSummary("Changes a draft (If-Match); the lines replace the old ones and are priced again. 409 once it left draft.");
        quotes.MapDelete("/{id:guid}", async (Guid id, SaveQuote handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Archives the quote (not while under approval).");
        quotes.MapPost("/{id:guid}/revise", async (Guid id, SaveQuote handler, CancellationToken ct) =>
        {
            var quote = await handler.Revise(id, ct);
            return TypedResults.Created($"/api/quotes/{quote.Id}", quote);
        }).WithSummary("A new draft revision (same number, next revision, priced for today); the old one becomes superseded.");
        quotes.MapPost("/{id:guid}/submit", (Guid id, QuoteStatusFlow handler, CancellationToken ct) => handler.Submit(id, ct))
            .WithSummary("Submits a draft for approval: approved at once unless an approval flow of quotes.quote matches it (e.g. its discount).");
        quotes.MapGet("/{id:guid}/approval", async (Guid id, QuoteStatusFlow handler, CancellationToken ct) =>
                await handler.Approval(id, ct) is { } approval ? Results.Ok(approval) : Results.NoContent())
            .WithSummary("The quote's latest approval: its current step, who may act on it, and its history (204 when never submitted).");
        quotes.MapPost("/{id:guid}/withdraw", (Guid id, QuoteStatusFlow handler, CancellationToken ct) => handler.Withdraw(id, ct))
            .WithSummary("Withdraws a pending approval: the quote is a draft again.");
        quotes.MapPost("/{id:guid}/send", (Guid id, QuoteStatusFlow handler, CancellationToken ct) => handler.Send(id, ct))
            .WithSummary("Marks an approved quote as sent to the customer.");
        quotes.MapPost("/{id:guid}/accept", (Guid id, QuoteStatusFlow handler, CancellationToken ct) => handler.Accept(id, ct))
            .WithSummary("Records that the customer accepted the sent quote.");
        quotes.MapPost("/{id:guid}/reject", (Guid id, RejectQuoteRequest request, QuoteStatusFlow handler, CancellationToken ct) => handler.Reject(id, request, ct))
            .WithSummary("Records that the customer rejected the sent quote, with the reason.");
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(bool? Mine, string? Status, Guid? CustomerId, Guid? OpportunityId, int? Limit, string? After, bool? Shared = null)
    {
        public QuoteQuery ToQuery() => new(Mine == true, QueryValues.Enum<QuoteStatus>(Status, "status"), CustomerId, OpportunityId, Shared == true);
    }
}
