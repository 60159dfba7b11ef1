using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Leads.Features;

/// <summary>The Leads module's demo data for <c>--seed-demo</c>, part by part (other packages add theirs): the leads.</summary>
public sealed class LeadsDemoData(DemoLeads leads) : IDemoSeeder
{
    public int Order => 30;

    public Task Seed(CancellationToken ct) => leads.Seed(ct);
}
