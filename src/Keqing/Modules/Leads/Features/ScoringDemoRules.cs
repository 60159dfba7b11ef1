using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The demo's lead scoring rules for <c>--seed-demo</c> (a real install starts with none: its admin sets them):
/// title contains 采购/主任/经理 +20, industry 医疗 +15, has a credit code +10, form submitted +10 decaying 50 % per 30 days.
/// </summary>
public sealed class ScoringDemoRules(KeqingDb db, TimeProvider clock)
{
    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<LeadScoringRule>().AnyAsync(ct)) return;
        foreach (var rule in Rules(clock.GetUtcNow().UtcDateTime)) db.Add(rule);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The four demo rules, as the admin would enter them.</summary>
    public static IReadOnlyList<LeadScoringRule> Rules(DateTime now) =>
    [
        new() { Name = "采购决策人", Kind = ScoringRuleKind.Profile, Field = ScoringFields.Title, Operator = ScoringFields.Contains,
            Values = ["采购", "主任", "经理"], Points = 20, CreatedAt = now, UpdatedAt = now },
        new() { Name = "医疗行业", Kind = ScoringRuleKind.Profile, Field = ScoringFields.Industry, Operator = ScoringFields.Contains,
            Values = ["医疗"], Points = 15, CreatedAt = now, UpdatedAt = now },
        new() { Name = "有统一社会信用代码", Kind = ScoringRuleKind.Profile, Field = ScoringFields.CreditCode, Operator = ScoringFields.Present,
            Points = 10, CreatedAt = now, UpdatedAt = now },
        new() { Name = "提交表单", Kind = ScoringRuleKind.Behaviour, Activity = LeadActivityKind.FormSubmitted, Points = 10,
            DecayPercentPer30Days = 50, CreatedAt = now, UpdatedAt = now },
    ];
}
