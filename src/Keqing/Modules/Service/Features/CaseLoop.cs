using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Sla.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Seed 002's closed loop on a case — listened, acted, resolved, measured, reviewed — for whoever may see the case; a
/// manager (<see cref="ServiceCapabilities.Manage"/>) who may see it writes the review.
/// </summary>
public sealed class CaseLoop(KeqingDb db, CaseAccess access, ISlaClocks clocks, IUserDirectory users, CurrentUser user,
    IOptions<SurveyOptions> options, TimeProvider clock)
{
    public const int MaxNote = 2000;

    public async Task<CaseLoopDto> Get(Guid caseId, CancellationToken ct)
    {
        var c = await access.Find(caseId, ct);
        DateTime? promised = null;
        if (c.FirstResponseAt is null && await clocks.Current(CaseTaskSubject.CaseRecordType, c.Id, ct) is { } sla)
            promised = sla.Targets.FirstOrDefault(t => t.Target == SlaTarget.FirstResponse)?.DueAt;
        var survey = await db.Set<CaseSurvey>().AsNoTracking().Where(s => s.CaseId == c.Id)
            .OrderByDescending(s => s.AnsweredAt != null).ThenByDescending(s => s.SentAt).FirstOrDefaultAsync(ct);
        var review = await db.Set<CaseReview>().AsNoTracking().FirstOrDefaultAsync(r => r.CaseId == c.Id, ct);
        string? reviewer = null;
        if (review is not null) reviewer = (await users.Names([review.ReviewerId], ct)).GetValueOrDefault(review.ReviewerId);
        var settings = options.Value;
        return new CaseLoopDto(c.Id, c.CreatedAt, c.FirstResponseAt, promised, c.ResolvedAt,
            survey is null ? null : new CaseSurveyDto(survey.SentAt, survey.ExpiresAt, survey.AnsweredAt, survey.Csat, survey.Nps, survey.Comment,
                survey.AnsweredAt is not null && survey.IsLow(settings.LowCsatAtMost, settings.LowNpsAtMost), survey.FollowUpTaskId),
            review is null ? null : new CaseReviewDto(review.Note, review.ReviewerId, reviewer, review.At),
            user.Can(ServiceCapabilities.Manage));
    }

    /// <summary>Writes (or replaces) the manager's review note: 404 for a case one may not see, 403 without the capability.</summary>
    public async Task<CaseLoopDto> Review(Guid caseId, CaseReviewRequest? request, CancellationToken ct)
    {
        var c = await access.Find(caseId, ct);
        if (!user.Can(ServiceCapabilities.Manage)) throw new ForbiddenException(FieldErrors.Text("Only a service manager reviews a case."));
        var note = request?.Note?.Trim();
        new FieldErrors().Required("note", note).MaxLength("note", note, MaxNote).ThrowIfAny();
        var review = await db.Set<CaseReview>().FirstOrDefaultAsync(r => r.CaseId == c.Id, ct);
        if (review is null)
        {
            review = new CaseReview { CaseId = c.Id };
            db.Add(review);
        }
        (review.Note, review.ReviewerId, review.At) = (note!, user.UserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return await Get(caseId, ct);
    }
}
