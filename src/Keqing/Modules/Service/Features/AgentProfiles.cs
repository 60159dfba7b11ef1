using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Agents' assignment profiles: an admin gives service agents their skills and capacity (most open cases) and turns a
/// team's auto-assignment on; an agent reads their own and sets themselves away or available. An agent without a saved
/// profile is available with the default capacity and no skills.
/// </summary>
public sealed class AgentProfiles(KeqingDb db, IUserDirectory users, Skills skills, CurrentUser user)
{
    public async Task<IReadOnlyList<AgentProfileDto>> List(CancellationToken ct)
    {
        var agents = await users.ActiveInRoles([Roles.ServiceAgent, Roles.ServiceManager], ct);
        return await ToDtos(agents, ct);
    }

    public async Task<AgentProfileDto> Mine(CancellationToken ct)
    {
        var me = await users.Find(user.UserId, ct) ?? throw new NotFoundException("user");
        return (await ToDtos([me], ct))[0];
    }

    public async Task<AgentProfileDto> Set(Guid userId, AgentProfileInput input, CancellationToken ct)
    {
        var agent = await users.Find(userId, ct);
        if (agent is not { IsActive: true }) throw new NotFoundException("user");
        var errors = new FieldErrors();
        if (input.Capacity is < 0 or > AssignmentRule.MaxCapacity)
            errors.Add("capacity", FieldErrors.Text("Between {0} and {1}.", 0, AssignmentRule.MaxCapacity));
        var skillIds = (input.SkillIds ?? []).Distinct().ToList();
        if (skillIds.Count > 200) errors.Add("skillIds", FieldErrors.Text("At most {0} items.", 200));
        else if (skillIds.Count > 0 && await db.Set<Skill>().CountAsync(s => skillIds.Contains(s.Id), ct) != skillIds.Count)
            errors.Add("skillIds", FieldErrors.Text("No such skill."));
        errors.ThrowIfAny();

        var profile = await Profile(userId, ct);
        if (input.Capacity is { } capacity) profile.Capacity = capacity;
        if (input.Available is { } available) profile.Available = available;
        if (input.SkillIds is not null)
        {
            var held = await db.Set<AgentSkill>().Where(x => x.UserId == userId).ToListAsync(ct);
            db.RemoveRange(held.Where(x => !skillIds.Contains(x.SkillId)));
            db.AddRange(skillIds.Where(id => held.All(x => x.SkillId != id)).Select(id => new AgentSkill { UserId = userId, SkillId = id }));
        }
        await db.SaveChangesAsync(ct);
        return (await ToDtos([agent], ct))[0];
    }

    /// <summary>An agent marks themselves away (no case is assigned to them automatically) or available again.</summary>
    public async Task<AgentProfileDto> SetMyAvailability(AvailabilityInput input, CancellationToken ct)
    {
        if (input.Available is not { } available) throw new ValidationFailedException("available", FieldErrors.Text("Required."));
        var profile = await Profile(user.UserId, ct);
        profile.Available = available;
        await db.SaveChangesAsync(ct);
        return await Mine(ct);
    }

    /// <summary>The user's profile, tracked; a new one (added to the unit of work) when they have none yet.</summary>
    public async Task<AgentProfile> Profile(Guid userId, CancellationToken ct)
    {
        var profile = await db.Set<AgentProfile>().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            profile = new AgentProfile { UserId = userId };
            db.Add(profile);
        }
        return profile;
    }

    public async Task<IReadOnlyList<TeamAssignmentDto>> Teams(CancellationToken ct)
    {
        var settings = await db.Set<TeamAssignment>().AsNoTracking().ToDictionaryAsync(x => x.TeamId, x => x.AutoAssign, ct);
        return (await users.Teams(ct)).OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TeamAssignmentDto(t.Id, t.Name, settings.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<TeamAssignmentDto> SetTeam(Guid teamId, TeamAssignmentInput input, CancellationToken ct)
    {
        var team = (await users.Teams(ct)).FirstOrDefault(t => t.Id == teamId) ?? throw new NotFoundException("team");
        if (input.AutoAssign is not { } on) throw new ValidationFailedException("autoAssign", FieldErrors.Text("Required."));
        var setting = await db.Set<TeamAssignment>().FirstOrDefaultAsync(x => x.TeamId == teamId, ct);
        if (setting is null) db.Add(setting = new TeamAssignment { TeamId = teamId });
        setting.AutoAssign = on;
        await db.SaveChangesAsync(ct);
        return new TeamAssignmentDto(team.Id, team.Name, on);
    }

    private async Task<IReadOnlyList<AgentProfileDto>> ToDtos(IReadOnlyList<UserSummary> agents, CancellationToken ct)
    {
        var ids = agents.Select(a => a.Id).ToList();
        var profiles = await db.Set<AgentProfile>().AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var held = await db.Set<AgentSkill>().AsNoTracking().Where(x => ids.Contains(x.UserId)).ToListAsync(ct);
        var skillList = await db.Set<Skill>().AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var labels = await skills.Labels(ct);
        var open = await AutoAssign.OpenCases(db, ids, ct);
        return agents.OrderBy(a => a.DisplayName, StringComparer.Ordinal).Select(a =>
        {
            var p = profiles.GetValueOrDefault(a.Id);
            var mine = held.Where(x => x.UserId == a.Id && skillList.ContainsKey(x.SkillId))
                .Select(x => Skills.ToDto(skillList[x.SkillId], labels, 0)).OrderBy(s => s.Kind).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
            return new AgentProfileDto(a.Id, a.DisplayName, a.TeamId, p?.Capacity ?? AssignmentRule.DefaultCapacity, p?.Available ?? true,
                open.GetValueOrDefault(a.Id), p?.LastAssignedAt, mine);
        }).ToList();
    }
}
