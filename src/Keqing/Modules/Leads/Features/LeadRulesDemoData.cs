using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>Two demo assignment rules for <c>--seed-demo</c>: 广东/广州 round-robin over 华南销售部, the 医院 industry to 王经理.</summary>
public sealed class LeadRulesDemoData(KeqingDb db, IUserDirectory users, TimeProvider clock)
{
    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<LeadAssignmentRule>().AnyAsync(ct)) return;
        var south = (await users.Teams(ct)).FirstOrDefault(t => t.Name == "华南销售部");
        var hospitals = await users.FindByEmail("manager.east@keqing.local", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (south is not null)
            db.Add(new LeadAssignmentRule
            {
                Order = 1, Name = "广东广州 → 华南销售部轮流", Provinces = ["广东"], Cities = ["广州"],
                Target = AssignmentTarget.TeamRoundRobin, TeamId = south.Id, CreatedAt = now, UpdatedAt = now,
            });
        if (hospitals is not null)
            db.Add(new LeadAssignmentRule
            {
                Order = 2, Name = "医院行业 → 王经理", Industries = ["医院"],
                Target = AssignmentTarget.User, UserId = hospitals.Id, CreatedAt = now, UpdatedAt = now,
            });
        await db.SaveChangesAsync(ct);
    }
}
