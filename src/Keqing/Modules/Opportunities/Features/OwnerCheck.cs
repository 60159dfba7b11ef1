using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Who may be made an opportunity's owner: the caller themselves, or, for an admin or a team manager, an active user of
/// a team they manage (the same rule as giving a customer to someone).
/// </summary>
public sealed class OwnerCheck(IRecordAccess access, IUserDirectory users)
{
    /// <summary>The owner's team when the caller may give the opportunity to them; otherwise a field error on ownerId.</summary>
    public async Task<Guid?> TeamOf(Guid ownerId, FieldErrors errors, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        var owner = await users.Find(ownerId, ct);
        if (owner is not { IsActive: true })
        {
            errors.Add("ownerId", FieldErrors.Text("No active user has this id."));
            return null;
        }
        if (ownerId != scope.UserId && !scope.IsAdmin && (owner.TeamId is not { } team || !scope.ManagedTeamIds.Contains(team)))
            errors.Add("ownerId", FieldErrors.Text("You may give an opportunity only to someone in a team you manage."));
        return owner.TeamId;
    }
}
