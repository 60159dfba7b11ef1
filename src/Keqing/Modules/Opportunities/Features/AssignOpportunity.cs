using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Gives an opportunity to a rep (a manager's one click on a recommendation): the opportunity must be one the caller
/// may change, the rep an active user of a team the caller manages (an admin: anyone active); its team follows the new
/// owner, who is notified in the same save.
/// </summary>
public sealed class AssignOpportunity(KeqingDb db, IRecordAccess access, IUserDirectory users, INotifier notifier,
    CurrentUser currentUser, TimeProvider time)
{
    public async Task<Opportunity> Handle(Guid opportunityId, AssignInput input, CancellationToken ct)
    {
        if (!currentUser.Can(OpportunitiesCapabilities.Assign)) throw new ForbiddenException(FieldErrors.Text("You may not assign opportunities."));
        var opportunity = await access.FindVisible(db.Set<Opportunity>(), opportunityId, ct);
        await access.EnsureCanWrite(opportunity, ct);
        var scope = await access.ScopeAsync(ct);
        var target = input.UserId is { } userId ? await users.Find(userId, ct) : null;
        var errors = new FieldErrors();
        if (input.UserId is null) errors.Add("userId", FieldErrors.Text("Required."));
        else if (target is not { IsActive: true } || !(scope.IsAdmin || (target.TeamId is { } team && scope.ManagedTeamIds.Contains(team))))
            errors.Add("userId", FieldErrors.Text("Not an active user of a team you manage."));
        errors.ThrowIfAny();
        if (opportunity.OwnerId == target!.Id) return opportunity;

        opportunity.OwnerId = target.Id;
        opportunity.TeamId = target.TeamId;
        opportunity.UpdatedAt = time.GetUtcNow().UtcDateTime;
        if (target.Id != currentUser.UserId)
        {
            var me = (await users.Names([currentUser.UserId], ct)).GetValueOrDefault(currentUser.UserId, "");
            await notifier.Notify(new NotificationRequest(EventTypes.OpportunityAssigned, target.Id, "Opportunity given to you",
                "{0} gave you the opportunity {1}.", $"/opportunities/{opportunity.Id}", [me, opportunity.Name]), ct);
        }
        await db.SaveChangesAsync(ct);
        return opportunity;
    }
}
