namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// Service first (DOMAIN V6): one customer's open complaints from every registered <see cref="IOpenComplaints"/> (none
/// registered: none known), oldest first. The one lookup behind <see cref="ServiceFirstBanner"/> and any selling API
/// that warns about complaints.
/// </summary>
public static class ServiceFirst
{
    public static async Task<IReadOnlyList<OpenComplaint>> OpenComplaintsOf(this IEnumerable<IOpenComplaints> sources, Guid customerId,
        CancellationToken ct)
    {
        var found = new List<OpenComplaint>();
        foreach (var source in sources)
            if ((await source.Of([customerId], ct)).TryGetValue(customerId, out var complaints)) found.AddRange(complaints);
        return found.Where(c => c.CustomerId == customerId).DistinctBy(c => c.Id).OrderBy(c => c.OpenedAt).ToList();
    }
}
