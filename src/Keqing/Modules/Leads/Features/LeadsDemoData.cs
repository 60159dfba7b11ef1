using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Leads.Features;

/// <summary>The Leads module's demo data for <c>--seed-demo</c>, part by part: assignment and scoring rules, then the leads.</summary>
public sealed class LeadsDemoData(LeadRulesDemoData assignmentRules, ScoringDemoRules scoringRules, DemoLeads leads) : IDemoSeeder
{
    public int Order => 30;

    public async Task Seed(CancellationToken ct)
    {
        await assignmentRules.Seed(ct);
        await scoringRules.Seed(ct);
        await leads.Seed(ct);
    }
}
