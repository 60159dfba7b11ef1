using System.Globalization;
using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// A low score's follow-up: a task about the case for the manager of the owner's team (the owner when there is none),
/// and a notification through their channels. The contact answered without signing in, so the task is made in a scope
/// acting as that manager (Timeline's rules for a task one gives oneself); it is written after the answer is stored,
/// once per survey.
/// </summary>
public sealed class SurveyFollowUp(IServiceScopeFactory scopes, IUserDirectory users, TimeProvider clock, ILogger<SurveyFollowUp> log)
{
    private const int MaxTitle = 200;

    public async Task Open(Guid surveyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KeqingDb>();
        var survey = await db.Set<CaseSurvey>().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null || survey.FollowUpTaskId is not null) return;
        var c = await db.Set<ServiceCase>().AsNoTracking().FirstAsync(x => x.Id == survey.CaseId, ct);
        var recipient = (await users.ManagersOf([c.OwnerId], ct)).TryGetValue(c.OwnerId, out var manager) ? manager : c.OwnerId;
        var roles = await users.RolesOf(recipient, ct);
        services.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, recipient.ToString())), "survey-follow-up"));

        var culture = await services.GetRequiredService<IUserCultures>().Of(recipient, ct);
        object[] args = [c.Number, c.Subject, survey.Csat?.ToString(CultureInfo.InvariantCulture) ?? "—", survey.Nps?.ToString(CultureInfo.InvariantCulture) ?? "—"];
        var title = string.Format(culture, TextResources.Find("Low score on case {0}: call the customer back", culture), args);
        if (title.Length > MaxTitle) title = title[..(MaxTitle - 1)] + "…";
        var notes = string.Format(culture, TextResources.Find("Case {0} \"{1}\": satisfaction {2}/5, recommendation {3}/10.", culture), args);
        if (survey.Comment is { } comment) notes += "\n" + comment;
        try
        {
            var task = await services.GetRequiredService<ISubjectTasks>().Create(new TaskInput(title, clock.GetUtcNow().UtcDateTime.AddDays(1),
                recipient, TaskPriority.High, Notes: notes, SubjectType: CaseTaskSubject.CaseRecordType, SubjectId: c.Id), ct);
            survey.FollowUpTaskId = task.Id;
        }
        catch (ValidationFailedException e)
        {
            // An inactive manager cannot hold a task: the notification below still reaches whoever can act.
            log.LogWarning("No follow-up task for survey {Survey}: {Errors}", survey.Id, string.Join("; ", e.Errors.SelectMany(x => x.Value)));
        }
        await services.GetRequiredService<INotifier>().Notify(new NotificationRequest(EventTypes.SurveyLowScore, recipient,
            "Low score on case {0}: call the customer back", "Case {0} \"{1}\": satisfaction {2}/5, recommendation {3}/10.", $"/cases/{c.Id}", args), ct);
        await db.SaveChangesAsync(ct);
    }
}
