using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// A quote's way through its statuses (DOMAIN S3): submit (draft → pending approval, through the approval engine, which
/// approves at once when no flow of <c>quotes.quote</c> matches: so every quote is submitted, and only those a flow's
/// conditions catch, such as a discount above a limit, wait for an approver), send (approved → sent), and the
/// customer's answer (sent → accepted or rejected with a reason).
/// </summary>
public sealed class QuoteStatusFlow(KeqingDb db, SaveQuote save, GetQuote get, ICustomerDirectory customers, CurrentUser currentUser,
    QuoteTimeline timeline, DiscountLimits limits, IServiceProvider services, TimeProvider time)
{
    public const string RecordType = "quotes.quote";

    public async Task<QuoteDto> Submit(Guid id, CancellationToken ct)
    {
        var quote = await save.Writable(id, ct);
        SaveQuote.EnsureDraft(quote);
        var lineCount = await db.Set<QuoteLine>().CountAsync(l => l.QuoteId == quote.Id, ct);
        if (lineCount == 0) throw new ConflictException(FieldErrors.Text("A quote needs at least one line before it is submitted."));
        await EnsureValid(quote, ct);
        var now = time.GetUtcNow().UtcDateTime;
        quote.Status = QuoteStatus.PendingApproval;
        quote.SubmittedAt = quote.UpdatedAt = now;
        var customer = (await customers.Find([quote.CustomerId], ct)).GetValueOrDefault(quote.CustomerId);
        var title = FieldErrors.Text("Quote {0} · {1} · {2}", QuoteTimeline.Name(quote), customer?.Name ?? "",
            $"{quote.GrandTotal.Amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} {quote.GrandTotal.Currency}");
        // The submitter's limit travels with the facts: above it, the engine never approves at once.
        var limit = await limits.LimitOf(currentUser.UserId, ct);
        // Resolved here, not injected: only submitting needs the engine.
        var approvals = services.GetRequiredService<IApprovals>();
        try
        {
            // The engine saves this unit of work (with the status above) and, when no flow matches, calls
            // QuoteApprovalHandler first, which approves the quote in the same save.
            await approvals.Submit(new ApprovalSubmission(RecordType, quote.Id, currentUser.UserId, title, $"/quotes/{quote.Id}",
                new ApprovalFacts(quote.MaxDiscountPercent, quote.GrandTotal, customer?.Grade?.ToString(), quote.CustomerId, limit)), ct);
        }
        catch (InvalidOperationException)
        {
            throw new ConflictException(FieldErrors.Text("The quote is under approval and cannot be changed."));
        }
        await db.SaveChangesAsync(ct);
        return await get.ToDto(quote, ct);
    }

    /// <summary>The quote's latest approval request in full (its current step, who may act, its history); null when never submitted.</summary>
    public async Task<ApprovalDetailDto?> Approval(Guid id, CancellationToken ct)
    {
        await get.Handle(id, ct); // 404 for a quote the caller may not see
        return await services.GetRequiredService<IApprovals>().Current(RecordType, id, currentUser.UserId, ct);
    }

    /// <summary>Takes a pending quote back to draft (the engine's withdrawal; the handler moves the quote).</summary>
    public async Task<QuoteDto> Withdraw(Guid id, CancellationToken ct)
    {
        var quote = await save.Writable(id, ct);
        if (quote.Status != QuoteStatus.PendingApproval) throw new ConflictException(FieldErrors.Text("The quote is not under approval."));
        await services.GetRequiredService<IApprovals>().Withdraw(RecordType, quote.Id, currentUser.UserId, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(quote, ct);
    }

    public async Task<QuoteDto> Send(Guid id, CancellationToken ct)
    {
        var quote = await save.Writable(id, ct);
        if (quote.Status != QuoteStatus.Approved) throw new ConflictException(FieldErrors.Text("Only an approved quote can be sent."));
        await EnsureValid(quote, ct);
        await EnsureWithinLimitOrApproved(quote, ct);
        quote.Status = QuoteStatus.Sent;
        quote.SentAt = quote.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await timeline.Sent(quote, currentUser.UserIdOrNull, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(quote, ct);
    }

    public async Task<QuoteDto> Accept(Guid id, CancellationToken ct)
    {
        var quote = await Answerable(id, ct);
        quote.Status = QuoteStatus.Accepted;
        quote.DecidedAt = quote.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await timeline.Accepted(quote, currentUser.UserIdOrNull, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(quote, ct);
    }

    public async Task<QuoteDto> Reject(Guid id, RejectQuoteRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("reason", r.Reason).MaxLength("reason", r.Reason, 500);
        errors.ThrowIfAny();
        var quote = await Answerable(id, ct);
        quote.Status = QuoteStatus.Rejected;
        quote.RejectionReason = r.Reason!.Trim();
        quote.DecidedAt = quote.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await timeline.Rejected(quote, currentUser.UserIdOrNull, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(quote, ct);
    }

    private async Task<Quote> Answerable(Guid id, CancellationToken ct)
    {
        var quote = await save.Writable(id, ct);
        if (quote.Status != QuoteStatus.Sent) throw new ConflictException(FieldErrors.Text("Only a sent quote gets the customer's answer."));
        return quote;
    }

    /// <summary>
    /// Defensive: however the quote became approved, a discount above its submitter's limit (the owner's, when it was
    /// never submitted) leaves only with an approved request behind it.
    /// </summary>
    private async Task EnsureWithinLimitOrApproved(Quote quote, CancellationToken ct)
    {
        var state = await services.GetRequiredService<IApprovals>().StateOf(RecordType, quote.Id, ct);
        if (state is { Status: ApprovalStatus.Approved }) return;
        var submitter = state is { SubmittedBy: var by } && by != Guid.Empty ? by : quote.OwnerId;
        if (await limits.LimitOf(submitter, ct) is { } limit && quote.MaxDiscountPercent > limit)
            throw new ConflictException(FieldErrors.Text("The discount of {0}% is above the submitter's limit of {1}% and has not been approved; submit it for approval first.",
                Percent(quote.MaxDiscountPercent), Percent(limit)));
    }

    private static string Percent(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private async Task EnsureValid(Quote quote, CancellationToken ct)
    {
        if (quote.ValidUntil < await save.Today(ct))
            throw new ConflictException(FieldErrors.Text("The quote expired on {0}; revise it or change its validity.", quote.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
