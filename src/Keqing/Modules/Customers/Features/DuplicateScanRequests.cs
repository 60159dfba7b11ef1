using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Makes the duplicate scan due now, on its state row; see <see cref="IDuplicateScanRequests"/>.</summary>
public sealed class DuplicateScanRequests(KeqingDb db) : IDuplicateScanRequests
{
    public Task RequestSoon(CancellationToken ct) =>
        db.Set<DuplicateScanState>().Where(s => s.Id == DuplicateScanState.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastStartedAt, (DateTime?)null), ct);
}
