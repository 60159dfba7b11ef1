using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>One customer the caller may see (404 otherwise), archived or not.</summary>
public sealed class GetCustomer(KeqingDb db, RecordAccess access)
{
    public async Task<CustomerDto> Handle(Guid id, CancellationToken ct) =>
        (await access.FindVisible(db.Set<Customer>().AsNoTracking(), id, ct)).ToDto();
}
