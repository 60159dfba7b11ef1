using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// How an approval of a quote ends: approved → the quote is approved (and may be sent); rejected by an approver, sent
/// back or withdrawn → the quote is a draft again, to change and submit again or to archive (an approver's "no" is about
/// this version of the offer, not the customer's answer, so the quote does not become "rejected", which is the
/// customer's). Runs in the engine's unit of work; the engine saves.
/// </summary>
public sealed class QuoteApprovalHandler(KeqingDb db, TimeProvider time) : IApprovalOutcomeHandler
{
    public string RecordType => QuoteStatusFlow.RecordType;

    public string DisplayName => FieldErrors.Text("Quotes");

    public async Task Decided(ApprovalOutcome outcome, CancellationToken ct)
    {
        var quote = await db.Set<Quote>().FirstOrDefaultAsync(q => q.Id == outcome.RecordId, ct);
        if (quote is not { Status: QuoteStatus.PendingApproval }) return;
        var now = time.GetUtcNow().UtcDateTime;
        if (outcome.Status == ApprovalStatus.Approved)
        {
            quote.Status = QuoteStatus.Approved;
            quote.ApprovedAt = now;
        }
        else if (outcome.Status is ApprovalStatus.Rejected or ApprovalStatus.SentBack or ApprovalStatus.Withdrawn)
            quote.Status = QuoteStatus.Draft;
        quote.UpdatedAt = now;
    }
}
