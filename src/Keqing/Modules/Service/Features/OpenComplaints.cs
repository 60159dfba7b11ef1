using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Service first (DOMAIN V6): a customer's complaints that are not resolved yet (new, open or waiting), for the banner on
/// the customer, opportunity and quote pages. Whoever reads the page learns that a complaint is open and its subject;
/// the case itself stays behind record access.
/// </summary>
public sealed class OpenComplaints(KeqingDb db) : IOpenComplaints
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<OpenComplaint>>> Of(IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        var found = new List<OpenComplaint>();
        foreach (var slice in customerIds.Distinct().Chunk(1000))
            found.AddRange(await db.Set<ServiceCase>().AsNoTracking()
                .Where(c => slice.Contains(c.CustomerId) && c.Type == CaseType.Complaint
                    && (c.Status == CaseStatus.New || c.Status == CaseStatus.Open || c.Status == CaseStatus.WaitingOnCustomer))
                .OrderBy(c => c.CreatedAt)
                .Select(c => new OpenComplaint(c.Id, c.CustomerId, c.Number + " " + c.Subject, c.CreatedAt, "/cases/" + c.Id))
                .ToListAsync(ct));
        return found.GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<OpenComplaint>)g.ToList());
    }
}
