using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>One customer the caller may read (404 otherwise), archived or not (<see cref="CustomerReadScope"/>).</summary>
/// <remarks>What the caller may not see is masked (<see cref="CustomerPrivacy"/>), and a view of sensitive values is logged.</remarks>
public sealed class GetCustomer(KeqingDb db, IRecordAccess access, CustomerReadScope readScope, CustomerPrivacy privacy)
{
    public async Task<CustomerDto> Handle(Guid id, CancellationToken ct) =>
        await privacy.Protect((await readScope.Find(id, ct)).ToDto(), log: true, ct);

    /// <summary>Checks that the caller may see the customer (404 otherwise) without reading or logging its personal data.</summary>
    public async Task EnsureVisible(Guid id, CancellationToken ct) =>
        await access.FindVisible(db.Set<Customer>().AsNoTracking(), id, ct);
}
