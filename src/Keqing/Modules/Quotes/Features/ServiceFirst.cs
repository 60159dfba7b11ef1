using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// Service first (DOMAIN V6): a customer's open complaints from every registered <see cref="IOpenComplaints"/> (none
/// registered: none known), for the banner on the quote pages (the same rule as the opportunity pages').
/// </summary>
public sealed class ServiceFirst(IEnumerable<IOpenComplaints> sources)
{
    public async Task<IReadOnlyList<OpenComplaint>> Of(Guid customerId, CancellationToken ct)
    {
        var found = new List<OpenComplaint>();
        foreach (var source in sources)
            if ((await source.Of([customerId], ct)).TryGetValue(customerId, out var complaints)) found.AddRange(complaints);
        return found.Where(c => c.CustomerId == customerId).DistinctBy(c => c.Id).OrderBy(c => c.OpenedAt).ToList();
    }
}
