using Keqing.Modules.Leads.Domain;

namespace Keqing.Modules.Leads.Features;

/// <summary>Who a new lead goes to by the ordered assignment rules (DOMAIN M5).</summary>
public sealed class LeadAssignment
{
    /// <summary>The owner the first matching rule gives <paramref name="lead"/>, or null when no rule matches.</summary>
    // TODO(package C): the rules (by source, province/city, industry, company size → user, round-robin, fewest open).
    public Task<Guid?> OwnerFor(Lead lead, CancellationToken ct) => Task.FromResult<Guid?>(null);
}
