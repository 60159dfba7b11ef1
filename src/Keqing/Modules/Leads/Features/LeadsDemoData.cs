using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Leads.Features;

/// <summary>The Leads module's demo data for <c>--seed-demo</c>, part by part: assignment rules, scoring rules.</summary>
public sealed class LeadsDemoData(LeadRulesDemoData assignmentRules, ScoringDemoRules scoringRules) : IDemoSeeder
{
    public int Order => 30;

    public async Task Seed(CancellationToken ct)
    {
        await assignmentRules.Seed(ct);
        await scoringRules.Seed(ct);
    }
}
