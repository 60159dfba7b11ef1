using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Wins or loses an open opportunity with a reason from the admin's list (any reason while that list is empty): won is
/// forecast category Closed at 100 %, lost is 0 % with whom it was lost to, if known (added to its competitors).
/// </summary>
public sealed class CloseOpportunity(KeqingDb db, SaveOpportunity opportunities, OpportunityTimeline timeline, CurrentUser currentUser,
    GetOpportunity get, TimeProvider time)
{
    public async Task<OpportunityDto> Win(Guid id, WinRequest request, CancellationToken ct)
    {
        var o = await Open(id, ct);
        var errors = new FieldErrors();
        var reason = await Reason(CloseReasonKind.Won, request.Reason, errors, ct);
        errors.ThrowIfAny();
        Close(o, OpportunityStatus.Won, reason);
        o.Probability = 100;
        o.ForecastCategory = ForecastCategory.Closed;
        await timeline.Won(o, currentUser.UserId, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(o, ct);
    }

    public async Task<OpportunityDto> Lose(Guid id, LoseRequest request, CancellationToken ct)
    {
        var o = await Open(id, ct);
        var errors = new FieldErrors();
        var reason = await Reason(CloseReasonKind.Lost, request.Reason, errors, ct);
        errors.MaxLength("competitor", request.Competitor, 100);
        errors.ThrowIfAny();
        Close(o, OpportunityStatus.Lost, reason);
        o.Probability = 0;
        if (!string.IsNullOrWhiteSpace(request.Competitor))
        {
            o.LostTo = request.Competitor.Trim();
            if (!o.Competitors.Contains(o.LostTo) && o.Competitors.Count < SaveOpportunity.MaxCompetitors) o.Competitors = [.. o.Competitors, o.LostTo];
        }
        await timeline.Lost(o, currentUser.UserId, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(o, ct);
    }

    private async Task<Opportunity> Open(Guid id, CancellationToken ct)
    {
        var o = await opportunities.Writable(id, ct);
        if (o.Status != OpportunityStatus.Open) throw new ConflictException(FieldErrors.Text("This opportunity is closed already."));
        return o;
    }

    private void Close(Opportunity o, OpportunityStatus status, string reason)
    {
        o.Status = status;
        o.CloseReason = reason;
        o.ClosedAt = o.UpdatedAt = time.GetUtcNow().UtcDateTime;
        o.ProbabilityOverridden = false;
    }

    /// <summary>The reason as listed (matched ignoring surrounding blanks), or a field error.</summary>
    private async Task<string> Reason(CloseReasonKind kind, string? text, FieldErrors errors, CancellationToken ct)
    {
        var wanted = text?.Trim() ?? "";
        if (wanted.Length == 0)
        {
            errors.Add("reason", FieldErrors.Text("Required."));
            return "";
        }
        var listed = await db.Set<CloseReason>().AsNoTracking().Where(r => r.Kind == kind && r.Active).Select(r => r.Text).ToListAsync(ct);
        if (listed.Count == 0)
        {
            errors.MaxLength("reason", wanted, 200);
            return wanted;
        }
        if (!listed.Contains(wanted)) errors.Add("reason", FieldErrors.Text("Choose one of the listed reasons."));
        return wanted;
    }
}
