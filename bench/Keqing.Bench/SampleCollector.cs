using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;

namespace Keqing.Bench;

/// <summary>Picks the customers the scenarios search for while the rows stream past (nothing else is kept).</summary>
public sealed class SampleCollector(int total, Staff staff)
{
    private int seen;
    private readonly List<Guid> shares = [];

    /// <summary>An organisation owned by the measured rep, past the middle of the load, with an email and a mobile phone.</summary>
    public Customer? Organization { get; private set; }
    public int NamedZhangWei { get; private set; }
    public IReadOnlyList<Guid> ShareCandidates => shares;

    public void Observe(GeneratedCustomer g)
    {
        var c = g.Customer;
        var i = seen++;
        if (c.Name == "张伟") NamedZhangWei++;
        if (i % 5000 == 17 && c.TeamId != staff.TeamIds[0]) shares.Add(c.Id);
        if (Organization is null && i >= total / 2 && c.Kind == CustomerKind.Organization && c.OwnerId == staff.UserIds[Staff.Rep]
            && c.ArchivedAt is null && c.Emails.Count == 1 && c.Phones[0].Length == 11 && !c.Name.EndsWith("分公司", StringComparison.Ordinal))
            Organization = c;
    }
}
