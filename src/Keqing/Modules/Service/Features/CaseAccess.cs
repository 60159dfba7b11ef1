using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Who sees and works a case: record access (the owner, the managers of its team, admins, shares), and besides, the team
/// queue: whoever works cases (<see cref="ServiceCapabilities.Work"/>) sees and works every case of their own team, so
/// agents pull cases from their queue and cover for each other; a technician dispatched to a case reads it. A case one may not see is 404.
/// </summary>
public sealed class CaseAccess(KeqingDb db, IRecordAccess access, CurrentUser user, IFieldDispatch dispatches)
{
    public async Task<IQueryable<ServiceCase>> Visible(IQueryable<ServiceCase> query, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        if (scope.IsAdmin) return query;
        var visible = await access.Visible(query, ct);
        var visibleIds = visible.Select(c => c.Id);
        // A technician dispatched to a case reads it (field dispatch), whoever owns it.
        var dispatched = dispatches.RecordsDispatchedTo(CaseSla.RecordType, user.UserIdOrNull ?? Guid.Empty);
        if (scope.TeamId is not { } team || !user.Can(ServiceCapabilities.Work))
            return query.Where(c => visibleIds.Contains(c.Id) || dispatched.Contains(c.Id));
        return query.Where(c => c.TeamId == team || visibleIds.Contains(c.Id) || dispatched.Contains(c.Id));
    }

    /// <summary>The case if the caller may see it, tracked; 404 otherwise.</summary>
    public async Task<ServiceCase> Find(Guid id, CancellationToken ct) =>
        await (await Visible(db.Set<ServiceCase>().Where(c => c.Id == id), ct)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("case");

    /// <summary>The case if the caller may work it (404 when they may not see it, 403 when they may only read it).</summary>
    public async Task<ServiceCase> Writable(Guid id, CancellationToken ct)
    {
        var c = await Find(id, ct);
        if (!await CanWrite(c, ct)) throw new ForbiddenException(FieldErrors.Text("You may read this case but not change it."));
        return c;
    }

    public async Task<bool> CanWrite(ServiceCase c, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        return (c.TeamId is { } team && team == scope.TeamId && user.Can(ServiceCapabilities.Work)) || await access.CanWrite(c, ct);
    }
}
