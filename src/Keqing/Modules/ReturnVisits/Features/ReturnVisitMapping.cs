using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>Return visits as the API shows them: names, state now, the form (the one answered, or the one to fill in), warnings.</summary>
public sealed class ReturnVisitMapping(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, ReturnVisitForms forms,
    IContactBoundaryCheck boundaries, TimeProvider clock)
{
    public async Task<ReturnVisitDto> One(ReturnVisit v, CancellationToken ct, IReadOnlyList<BoundaryWarning>? warnings = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = (await customers.Find([v.CustomerId], ct)).GetValueOrDefault(v.CustomerId);
        var owner = (await users.Names([v.OwnerId], ct)).GetValueOrDefault(v.OwnerId, "");
        Guid? formId = null, versionId = v.FormVersionId;
        string? formName = null;
        IReadOnlyList<QuestionDto> questions = [];
        if (v.FormVersionId is { } answeredVersion)
        {
            var version = await db.Set<ReturnVisitFormVersion>().AsNoTracking().SingleAsync(x => x.Id == answeredVersion, ct);
            formId = version.FormId;
            formName = await db.Set<ReturnVisitForm>().Where(f => f.Id == version.FormId).Select(f => f.Name).SingleAsync(ct);
            questions = ReturnVisitRules.ReadQuestions(version.QuestionsJson);
        }
        else if (v.Status == ReturnVisitStatus.Open && await forms.For(customer?.Grade, ct) is { } found)
            (formId, versionId, formName, questions) = (found.Form.Id, found.Version.Id, found.Form.Name, ReturnVisitRules.ReadQuestions(found.Version.QuestionsJson));
        if (warnings is null && v.Status == ReturnVisitStatus.Open)
            warnings = await boundaries.Check(v.CustomerId, ChannelOf(v.Channel), InteractionDirection.Outbound, now, [], false, null, ct);
        return new ReturnVisitDto(v.Id, v.CustomerId, customer?.Name ?? "", v.Source, v.SourceId, v.SourceNumber, v.DueAt, v.Status,
            ReturnVisitRules.StateOf(v.Status, v.DueAt, now), v.Channel, v.OwnerId, owner, v.TeamId, formId, versionId, formName, questions,
            ReturnVisitRules.ReadAnswers(v.AnswersJson), v.Note, v.CompletedAt, ReturnVisitRules.OnTime(v.DueAt, v.CompletedAt), v.CancelReason,
            v.CancelledAt, (warnings ?? []).Select(w => w.Message).ToList(), v.CreatedAt, v.Version);
    }

    public async Task<IReadOnlyList<ReturnVisitSummaryDto>> Many(IReadOnlyList<ReturnVisit> visits, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var names = await customers.Find(visits.Select(v => v.CustomerId).Distinct(), ct);
        var owners = await users.Names(visits.Select(v => v.OwnerId).Distinct(), ct);
        return visits.Select(v => new ReturnVisitSummaryDto(v.Id, v.CustomerId, names.TryGetValue(v.CustomerId, out var c) ? c.Name : "",
            v.Source, v.SourceNumber, v.DueAt, v.Status, ReturnVisitRules.StateOf(v.Status, v.DueAt, now), v.Channel, v.OwnerId,
            owners.GetValueOrDefault(v.OwnerId, ""), v.CompletedAt, v.Version)).ToList();
    }

    /// <summary>A return visit by phone is a call, in person a visit: the channels contact boundaries count.</summary>
    public static InteractionChannel ChannelOf(ReturnVisitChannel channel) =>
        channel == ReturnVisitChannel.InPerson ? InteractionChannel.Visit : InteractionChannel.Call;
}
