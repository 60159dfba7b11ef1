using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// Who a new lead goes to by the ordered assignment rules (DOMAIN M5): the first active rule whose every non-empty
/// condition list holds the lead's value gives it to a user, round-robin over a team, or to the team member with the
/// fewest open leads. No match, or no eligible member on the matching rule, gives null: the caller falls back.
/// </summary>
public sealed class LeadAssignment(KeqingDb db, IUserDirectory users)
{
    /// <summary>The roles whose active members of a team take leads from a team rule.</summary>
    public static readonly IReadOnlyCollection<string> SellingRoles = [Roles.SalesRep, Roles.SalesManager];

    private const int RoundRobinAttempts = 5;

    // Read once per scope (an import assigns thousands of leads in one); the round-robin position is read every time.
    private List<LeadAssignmentRule>? rules;
    private List<UserSummary>? sellers;

    /// <summary>The owner the first matching rule gives <paramref name="lead"/>, or null when no rule gives one.</summary>
    public async Task<Guid?> OwnerFor(Lead lead, CancellationToken ct)
    {
        rules ??= await db.Set<LeadAssignmentRule>().AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        var rule = FirstMatch(rules, lead);
        if (rule is null) return null;
        switch (rule.Target)
        {
            case AssignmentTarget.User:
                return rule.UserId is { } userId && (await users.Find(userId, ct))?.IsActive == true ? userId : null;
            case AssignmentTarget.TeamRoundRobin:
                var members = await MembersOf(rule.TeamId, ct);
                return members.Count == 0 ? null : await TakeTurn(rule.Id, members, ct);
            case AssignmentTarget.TeamFewestOpen:
                var team = await MembersOf(rule.TeamId, ct);
                return team.Count == 0 ? null : Fewest(team, await OpenLeadCounts(team, ct));
            default:
                return null;
        }
    }

    /// <summary>The first active rule, by <see cref="LeadAssignmentRule.Order"/> (then id), that <paramref name="lead"/> matches.</summary>
    public static LeadAssignmentRule? FirstMatch(IEnumerable<LeadAssignmentRule> rules, Lead lead) =>
        rules.Where(r => r.Active).OrderBy(r => r.Order).ThenBy(r => r.Id).FirstOrDefault(r => Matches(r, lead));

    /// <summary>Whether every condition the rule sets (a non-empty list) holds the lead's value; text compares trimmed and case-blind.</summary>
    public static bool Matches(LeadAssignmentRule rule, Lead lead) =>
        (rule.Sources.Count == 0 || rule.Sources.Contains(lead.Source))
        && (rule.CompanySizes.Count == 0 || rule.CompanySizes.Contains(lead.CompanySize))
        && Holds(rule.Provinces, lead.Province)
        && Holds(rule.Cities, lead.City)
        && Holds(rule.Industries, lead.Industry);

    /// <summary>The member after <paramref name="last"/> in id order, wrapping round; the first when there is no last (or it left).</summary>
    public static Guid NextInTurn(IReadOnlyList<Guid> members, Guid? last)
    {
        if (members.Count == 0) throw new ArgumentException("A turn needs at least one member.", nameof(members));
        var ordered = members.Order().ToList();
        if (last is { } previous)
            foreach (var member in ordered)
                if (member.CompareTo(previous) > 0) return member;
        return ordered[0];
    }

    /// <summary>The member with the fewest open leads (none counted is zero); ties go to the lowest id, so the answer is stable.</summary>
    public static Guid Fewest(IReadOnlyList<Guid> members, IReadOnlyDictionary<Guid, int> openLeads) =>
        members.OrderBy(m => openLeads.GetValueOrDefault(m)).ThenBy(m => m).First();

    private static bool Holds(List<string> values, string? value) =>
        values.Count == 0 || (value is not null && values.Any(v => string.Equals(v.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase)));

    private async Task<List<Guid>> MembersOf(Guid? teamId, CancellationToken ct)
    {
        if (teamId is null) return [];
        sellers ??= await users.ActiveInRoles(SellingRoles, ct);
        return sellers.Where(u => u.TeamId == teamId).Select(u => u.Id).ToList();
    }

    /// <summary>
    /// Gives the turn to the next member and moves the rule's position in one compare-and-set update, so two leads
    /// arriving at once (on two nodes) take two turns; a lost race reads the new position and tries again.
    /// </summary>
    private async Task<Guid> TakeTurn(Guid ruleId, List<Guid> members, CancellationToken ct)
    {
        var next = members.Order().First();
        for (var attempt = 0; attempt < RoundRobinAttempts; attempt++)
        {
            var last = await db.Set<LeadAssignmentRule>().AsNoTracking().Where(r => r.Id == ruleId)
                .Select(r => r.LastAssignedUserId).FirstOrDefaultAsync(ct);
            next = NextInTurn(members, last);
            var moved = await db.Set<LeadAssignmentRule>().Where(r => r.Id == ruleId && r.LastAssignedUserId == last)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastAssignedUserId, next), ct);
            if (moved == 1) return next;
        }
        // Still contended (or the rule was just deleted): the lead gets an owner all the same.
        return next;
    }

    /// <summary>Open leads (new, contacted, qualified; not archived) per member.</summary>
    private async Task<Dictionary<Guid, int>> OpenLeadCounts(List<Guid> members, CancellationToken ct) =>
        await db.Set<Lead>().AsNoTracking()
            .Where(l => members.Contains(l.OwnerId) && l.ArchivedAt == null
                        && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified))
            .GroupBy(l => l.OwnerId)
            .Select(g => new { OwnerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.OwnerId, x => x.Count, ct);
}
