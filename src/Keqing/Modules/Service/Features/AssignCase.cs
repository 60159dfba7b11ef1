using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Gives a case an owner (its team follows the owner's): anyone who may work the case may take it themselves (an agent
/// pulling from the team queue); giving it to someone else needs <see cref="ServiceCapabilities.Manage"/> and a team
/// one manages (any for an admin).
/// </summary>
public sealed class AssignCase(KeqingDb db, CaseAccess access, CreateCase rules, CurrentUser user, GetCase get, CaseSla sla, TimeProvider time)
{
    public async Task<CaseDto> Handle(Guid id, AssignCaseRequest r, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        if (r.OwnerId is not { } ownerId) throw new ValidationFailedException("ownerId", FieldErrors.Text("Required."));
        if (ownerId != user.UserId && !user.Can(ServiceCapabilities.Manage))
            throw new ForbiddenException(FieldErrors.Text("Only a service manager may give a case to someone else."));
        if (c.Status == Contracts.CaseStatus.Closed) throw new ConflictException(FieldErrors.Text("A closed case cannot be changed."));
        var errors = new FieldErrors();
        var team = await rules.TeamOfOwner(ownerId, errors, ct);
        errors.ThrowIfAny();
        (c.OwnerId, c.TeamId, c.UpdatedAt) = (ownerId, team, time.GetUtcNow().UtcDateTime);
        await sla.Reassign(c, ct);
        db.RemoveRange(await db.Set<Domain.QueuedCase>().Where(q => q.CaseId == id).ToListAsync(ct)); // given to someone: no longer waiting in the queue
        await db.SaveChangesAsync(ct);
        return await get.ToDto(c, ct);
    }
}
