using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Looks up users for other modules from Identity's tables; see <see cref="IUserDirectory"/>.</summary>
public sealed class UserDirectory(KeqingDb db) : IUserDirectory
{
    public Task<UserSummary?> Find(Guid id, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? "", u.TeamId, u.IsActive)).FirstOrDefaultAsync(ct);

    public Task<UserSummary?> FindByEmail(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? "", u.TeamId, u.IsActive)).FirstOrDefaultAsync(ct);
    }

    public Task<List<string>> RolesOf(Guid userId, CancellationToken ct) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, string>> Names(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public async Task<IReadOnlyDictionary<Guid, Guid>> ManagersOf(IEnumerable<Guid> userIds, CancellationToken ct)
    {
        var list = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id) && u.TeamId != null)
            .Join(db.Set<Team>(), u => u.TeamId, t => (Guid?)t.Id, (u, t) => new { u.Id, t.ManagerId })
            .Where(x => x.ManagerId != null)
            .ToDictionaryAsync(x => x.Id, x => x.ManagerId!.Value, ct);
    }

    public Task<List<UserSummary>> Active(CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.DisplayName)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? "", u.TeamId, u.IsActive)).ToListAsync(ct);

    public Task<List<UserSummary>> ActiveInRoles(IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var names = roles.ToList();
        var holders = db.UserRoles.Join(db.Roles.Where(r => names.Contains(r.Name!)), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId);
        return db.Users.AsNoTracking().Where(u => u.IsActive && holders.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? "", u.TeamId, u.IsActive)).ToListAsync(ct);
    }

    public Task<bool> TeamExists(Guid id, CancellationToken ct) => db.Set<Team>().AnyAsync(t => t.Id == id, ct);

    public Task<List<TeamSummary>> Teams(CancellationToken ct) =>
        db.Set<Team>().AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamSummary(t.Id, t.Name)).ToListAsync(ct);
}
