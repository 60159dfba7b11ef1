using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Assignment on creation (DOMAIN V3), for a case of any channel, inside the unit of work that opens it: when the case's
/// team has auto-assignment on, the case goes to the agent <see cref="AssignmentRule"/> picks among the team's active
/// service agents, or, when nobody fits, waits in the team queue. A case a manager gave to someone else when opening it
/// keeps that owner.
/// <para>
/// The skills a case needs (<see cref="SkillMatching"/>): a product line when it names a product with a category (an agent
/// holding that category or one above it); the customer's region (its province or city, from Customers' Contracts) in a
/// team that routes by region; the case's language, when not the default one, in a team that routes by language.
/// The agent must hold every needed skill.
/// </para>
/// Capacity holds under concurrency: assignments of one team are serialised (an advisory lock on PostgreSQL, SQLite's
/// write lock) and each agent's open cases are counted under that lock in the opening transaction.
/// </summary>
public sealed class AutoAssign(KeqingDb db, IUserDirectory users, IProductCatalog products, ICustomerDirectory customers, TimeProvider time)
    : IBeforeCommitHandler<CaseOpened>
{
    public async Task Handle(CaseOpened opened, CancellationToken ct)
    {
        var c = db.Set<ServiceCase>().Local.FirstOrDefault(x => x.Id == opened.CaseId)
            ?? await db.Set<ServiceCase>().FirstOrDefaultAsync(x => x.Id == opened.CaseId, ct);
        if (c?.TeamId is not { } team) return;
        if (c.CreatedBy is { } creator && creator != c.OwnerId) return;
        if (!await db.Set<TeamAssignment>().AnyAsync(x => x.TeamId == team && x.AutoAssign, ct)) return;
        if (db.Database.CurrentTransaction is not null) await AdvisoryLocks.Take(db, [$"service.assign:{team}"], ct);

        var agents = (await users.ActiveInRoles([Roles.ServiceAgent], ct)).Where(u => u.TeamId == team).Select(u => u.Id).ToList();
        var candidates = await Candidates(agents, ct);
        var picked = AssignmentRule.Pick(candidates, SkillMatching.Needs(await Facts(c, ct), candidates, KeqingHost.DefaultCulture.Name));
        var now = time.GetUtcNow().UtcDateTime;
        if (picked is null)
        {
            db.Add(new QueuedCase { CaseId = c.Id, TeamId = team, QueuedAt = now });
            return;
        }
        c.OwnerId = picked.UserId;
        var profile = await db.Set<AgentProfile>().FirstOrDefaultAsync(p => p.UserId == picked.UserId, ct);
        if (profile is null) db.Add(profile = new AgentProfile { UserId = picked.UserId });
        profile.LastAssignedAt = now;
    }

    private async Task<List<AgentCandidate>> Candidates(List<Guid> agents, CancellationToken ct)
    {
        var profiles = await db.Set<AgentProfile>().AsNoTracking().Where(p => agents.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var skills = await db.Set<AgentSkill>().AsNoTracking().Where(x => agents.Contains(x.UserId))
            .Join(db.Set<Skill>(), x => x.SkillId, s => s.Id, (x, s) => new { x.UserId, s.Kind, s.Value }).ToListAsync(ct);
        var open = await OpenCases(db, agents, ct);
        return agents.Select(id =>
        {
            var p = profiles.GetValueOrDefault(id);
            return new AgentCandidate(id, p?.Available ?? true, p?.Capacity ?? AssignmentRule.DefaultCapacity, open.GetValueOrDefault(id),
                p?.LastAssignedAt, skills.Where(s => s.UserId == id).Select(s => SkillMatching.Key(s.Kind, s.Value)).ToHashSet());
        }).ToList();
    }

    /// <summary>What the case is about: the product's category and those above it, the customer's province and city, its language.</summary>
    private async Task<CaseSkillFacts> Facts(ServiceCase c, CancellationToken ct)
    {
        var customer = (await customers.Find([c.CustomerId], ct)).GetValueOrDefault(c.CustomerId);
        return new CaseSkillFacts(await ProductLines(c, ct), customer?.Province, customer?.City, c.Language);
    }

    /// <summary>The product's category and every category above it: a product line met by any of them.</summary>
    private async Task<IReadOnlyCollection<Guid>> ProductLines(ServiceCase c, CancellationToken ct)
    {
        if (c.ProductId is not { } productId || !(await products.Get([productId], ct)).TryGetValue(productId, out var product)
            || product.CategoryId is not { } categoryId)
            return [];
        var parents = (await products.Categories(ct)).ToDictionary(x => x.Id, x => x.ParentId);
        var line = new List<Guid>();
        Guid? at = categoryId;
        while (at is { } id && !line.Contains(id))
        {
            line.Add(id);
            at = parents.GetValueOrDefault(id);
        }
        return line;
    }

    /// <summary>Each agent's open cases (new, open or waiting on the customer), not counting cases still waiting in a queue.</summary>
    public static async Task<Dictionary<Guid, int>> OpenCases(KeqingDb db, IReadOnlyCollection<Guid> agents, CancellationToken ct) =>
        await db.Set<ServiceCase>()
            .Where(c => agents.Contains(c.OwnerId)
                && (c.Status == CaseStatus.New || c.Status == CaseStatus.Open || c.Status == CaseStatus.WaitingOnCustomer)
                && !db.Set<QueuedCase>().Any(q => q.CaseId == c.Id))
            .GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
