using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>The admin's ordered lead assignment rules: list, read, create (last in order), change under If-Match, delete, reorder.</summary>
public sealed class ManageAssignmentRules(KeqingDb db, IUserDirectory users, TimeProvider clock)
{
    public const int MaxRules = 500;
    public const int MaxValues = 200;

    public async Task<List<AssignmentRuleDto>> List(CancellationToken ct) =>
        (await db.Set<LeadAssignmentRule>().AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct))
            .Select(ToDto).ToList();

    public async Task<AssignmentRuleDto> Get(Guid id, CancellationToken ct) => ToDto(await Find(id, tracked: false, ct));

    public async Task<AssignmentRuleDto> Create(AssignmentRuleInput input, CancellationToken ct)
    {
        await Check(input, ct);
        var rules = db.Set<LeadAssignmentRule>();
        if (await rules.CountAsync(ct) >= MaxRules)
            new FieldErrors().Add("name", FieldErrors.Text("At most {0} assignment rules.", MaxRules)).ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = new LeadAssignmentRule { Order = (await rules.MaxAsync(r => (int?)r.Order, ct) ?? 0) + 1, CreatedAt = now };
        Set(rule, input, now);
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        return ToDto(rule);
    }

    public async Task<AssignmentRuleDto> Update(Guid id, long expectedVersion, AssignmentRuleInput input, CancellationToken ct)
    {
        var rule = await Find(id, tracked: true, ct);
        await Check(input, ct);
        Preconditions.ExpectVersion(db, rule, expectedVersion);
        Set(rule, input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ToDto(rule);
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        db.Remove(await Find(id, tracked: true, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts the rules in the order given (every rule's id exactly once) and answers the list in its new order.</summary>
    public async Task<List<AssignmentRuleDto>> Reorder(AssignmentRuleOrder order, CancellationToken ct)
    {
        var rules = await db.Set<LeadAssignmentRule>().ToListAsync(ct);
        var ids = order.Ids ?? [];
        if (ids.Count != rules.Count || ids.Distinct().Count() != ids.Count || ids.Any(id => rules.All(r => r.Id != id)))
            new FieldErrors().Add("ids", FieldErrors.Text("Give the id of every assignment rule exactly once, in the new order.")).ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < ids.Count; i++)
        {
            var rule = rules.First(r => r.Id == ids[i]);
            if (rule.Order == i + 1) continue;
            rule.Order = i + 1;
            rule.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return rules.OrderBy(r => r.Order).Select(ToDto).ToList();
    }

    private async Task<LeadAssignmentRule> Find(Guid id, bool tracked, CancellationToken ct)
    {
        var rules = tracked ? db.Set<LeadAssignmentRule>() : db.Set<LeadAssignmentRule>().AsNoTracking();
        return await rules.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("assignment rule");
    }

    private async Task Check(AssignmentRuleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name, 200);
        CheckEnums(errors, "sources", input.Sources);
        CheckEnums(errors, "companySizes", input.CompanySizes);
        CheckTexts(errors, "provinces", input.Provinces, 50);
        CheckTexts(errors, "cities", input.Cities, 50);
        CheckTexts(errors, "industries", input.Industries, 100);
        switch (input.Target)
        {
            case AssignmentTarget.User:
                if (input.UserId is not { } userId) errors.Add("userId", FieldErrors.Text("Choose the user who gets the leads."));
                else if ((await users.Find(userId, ct))?.IsActive != true) errors.Add("userId", FieldErrors.Text("No active user has this id."));
                break;
            case AssignmentTarget.TeamRoundRobin or AssignmentTarget.TeamFewestOpen:
                if (input.TeamId is not { } teamId) errors.Add("teamId", FieldErrors.Text("Choose the team whose members get the leads."));
                else if (!await users.TeamExists(teamId, ct)) errors.Add("teamId", FieldErrors.Text("No team has this id."));
                break;
            default:
                errors.Add("target", FieldErrors.Text("target is one of user, teamRoundRobin, teamFewestOpen."));
                break;
        }
        errors.ThrowIfAny();
    }

    private static void CheckEnums<T>(FieldErrors errors, string field, IReadOnlyList<T>? values) where T : struct, Enum
    {
        if (values is null) return;
        if (values.Count > MaxValues) errors.Add(field, FieldErrors.Text("At most {0} values.", MaxValues));
        else if (values.Any(v => !Enum.IsDefined(v))) errors.Add(field, FieldErrors.Text("Unknown value in the list."));
    }

    private static void CheckTexts(FieldErrors errors, string field, IReadOnlyList<string>? values, int maxLength)
    {
        if (values is null) return;
        if (values.Count > MaxValues) errors.Add(field, FieldErrors.Text("At most {0} values.", MaxValues));
        else if (values.Any(string.IsNullOrWhiteSpace)) errors.Add(field, FieldErrors.Text("A value in the list is empty."));
        else if (values.Any(v => v.Trim().Length > maxLength)) errors.Add(field, FieldErrors.Text("Each value has at most {0} characters.", maxLength));
    }

    private static void Set(LeadAssignmentRule rule, AssignmentRuleInput input, DateTime now)
    {
        rule.Name = input.Name!.Trim();
        rule.Sources = (input.Sources ?? []).Distinct().ToList();
        rule.CompanySizes = (input.CompanySizes ?? []).Distinct().ToList();
        rule.Provinces = Texts(input.Provinces);
        rule.Cities = Texts(input.Cities);
        rule.Industries = Texts(input.Industries);
        rule.Target = input.Target!.Value;
        rule.UserId = rule.Target == AssignmentTarget.User ? input.UserId : null;
        var teamId = rule.Target == AssignmentTarget.User ? null : input.TeamId;
        // A round-robin starts over on another team.
        if (teamId != rule.TeamId) rule.LastAssignedUserId = null;
        rule.TeamId = teamId;
        rule.Active = input.Active;
        rule.UpdatedAt = now;
    }

    private static List<string> Texts(IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static AssignmentRuleDto ToDto(LeadAssignmentRule r) => new(r.Id, r.Order, r.Name, r.Sources, r.Provinces, r.Cities,
        r.Industries, r.CompanySizes, r.Target, r.UserId, r.TeamId, r.LastAssignedUserId, r.Active, r.UpdatedAt, r.Version);
}
