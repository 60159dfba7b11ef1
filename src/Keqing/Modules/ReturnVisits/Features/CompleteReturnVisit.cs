using System.Text.Json;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// Records a return visit as done (If-Match): the answers are checked against the current form for the customer's
/// grade and kept with that form version; the visit goes on the timeline. Contact boundaries (DOMAIN P4) answer as
/// warnings, as for every logged contact: the visit is recorded and the override reported to the admin.
/// </summary>
public sealed class CompleteReturnVisit(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, ReturnVisitForms forms,
    IContactBoundaryCheck boundaries, IBoundaryOverrideLog overrides, ReturnVisitTimeline timeline, ReturnVisitMapping mapping,
    CurrentUser me, TimeProvider clock)
{
    public async Task<ReturnVisitDto> Handle(Guid id, long? expectedVersion, CompleteRequest request, CancellationToken ct)
    {
        var visit = await access.FindVisible(db.Set<ReturnVisit>(), id, ct);
        await access.EnsureCanWrite(visit, ct);
        Preconditions.ExpectVersion(db, visit, expectedVersion ?? throw new PreconditionRequiredException());
        if (visit.Status != ReturnVisitStatus.Open) throw new ConflictException(FieldErrors.Text("The return visit is no longer open."));
        var customer = (await customers.Find([visit.CustomerId], ct)).GetValueOrDefault(visit.CustomerId);
        var version = (await forms.For(customer?.Grade, ct))?.Version ??
            throw new ConflictException(FieldErrors.Text("There is no return visit form for this customer's grade: an admin defines one first."));
        var errors = new FieldErrors();
        if (request.Channel is { } ch && !Enum.IsDefined(ch)) errors.Add("channel", FieldErrors.Text("phone or inPerson."));
        errors.MaxLength("note", request.Note, ReturnVisitRules.MaxText);
        var answers = ReturnVisitRules.CheckAnswers(ReturnVisitRules.ReadQuestions(version.QuestionsJson), request.Answers, errors);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Channel is { } channel) visit.Channel = channel;
        visit.Status = ReturnVisitStatus.Done;
        visit.FormVersionId = version.Id;
        visit.AnswersJson = JsonSerializer.Serialize(answers, ReturnVisitRules.Json);
        visit.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        (visit.CompletedAt, visit.CompletedBy, visit.UpdatedAt) = (now, me.UserId, now);
        var warnings = await boundaries.Check(visit.CustomerId, ReturnVisitMapping.ChannelOf(visit.Channel), InteractionDirection.Outbound, now, [], false, null, ct);
        if (warnings.Count > 0) overrides.Record(me.UserId, visit.CustomerId, "return-visit", visit.Id, warnings.Select(w => (w.Code, w.Message)));
        timeline.Done(visit, customer?.Name ?? "", answers);
        await db.SaveChangesAsync(ct);
        return await mapping.One(visit, ct, warnings);
    }
}
