using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Lists, creates and renames teams and sets their manager (admin).</summary>
public sealed class ManageTeams(KeqingDb db, TimeProvider clock)
{
    public sealed record Request(string Name, Guid? ManagerId);

    public async Task<Page<TeamDto>> List(int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = db.Set<Team>().AsNoTracking();
        if (Paging.Decode<Guid?>(after) is { } last) query = query.Where(t => t.Id.CompareTo(last) > 0);
        var rows = await query.OrderBy(t => t.Id).Take(take + 1)
            .Select(t => new TeamDto(t.Id, t.Name, t.ManagerId, t.Version, t.CreatedAt)).ToListAsync(ct);
        return Paging.ToPage(rows, take, t => (Guid?)t.Id);
    }

    public async Task<TeamDto> Get(Guid id, CancellationToken ct) =>
        await db.Set<Team>().AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TeamDto(t.Id, t.Name, t.ManagerId, t.Version, t.CreatedAt)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("team");

    public async Task<TeamDto> Create(Request r, CancellationToken ct)
    {
        await Check(r, null, ct);
        var team = new Team { Name = r.Name.Trim(), ManagerId = r.ManagerId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(team);
        await db.SaveChangesAsync(ct);
        return await Get(team.Id, ct);
    }

    public async Task<TeamDto> Update(Guid id, long expectedVersion, Request r, CancellationToken ct)
    {
        var team = await db.Set<Team>().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("team");
        await Check(r, id, ct);
        Preconditions.ExpectVersion(db, team, expectedVersion);
        team.Name = r.Name.Trim();
        team.ManagerId = r.ManagerId;
        await db.SaveChangesAsync(ct);
        return await Get(id, ct);
    }

    private async Task Check(Request r, Guid? id, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", r.Name).MaxLength("name", r.Name, 200);
        if (!errors.Any)
        {
            var name = r.Name.Trim();
            if (await db.Set<Team>().AnyAsync(t => t.Name == name && t.Id != id, ct))
                errors.Add("name", FieldErrors.Text("A team with this name already exists."));
        }
        if (r.ManagerId is { } m && !await db.Users.AnyAsync(u => u.Id == m && u.IsActive, ct))
            errors.Add("managerId", FieldErrors.Text("No active user has this id."));
        errors.ThrowIfAny();
    }
}
