using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>Archives a customer (it leaves the lists, keeps its history); only an admin restores one.</summary>
public sealed class ArchiveCustomer(KeqingDb db, IRecordAccess access, TimeProvider clock, IEnumerable<ICustomerLimits> limits)
{
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var customer = await access.FindVisible(db.Set<Customer>(), id, ct);
        await access.EnsureCanWrite(customer, ct);
        if (customer.ArchivedAt is not null) return;
        customer.ArchivedAt = customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    public async Task<CustomerDto> Restore(Guid id, CancellationToken ct)
    {
        if (!(await access.ScopeAsync(ct)).IsAdmin) throw new ForbiddenException("Only an admin can restore an archived customer.");
        var customer = await access.FindVisible(db.Set<Customer>(), id, ct);
        if (customer.MergedIntoId is { } survivor)
            throw new ConflictException($"This customer was merged into {survivor}; its records are there now.");
        if (customer.ArchivedAt is not null)
        {
            // An archived customer counts against nobody's limit: restored, it is its owner's again, within their limits
            // of owned and of locked customers (in a transaction, which holds those owners until it ends).
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (customer.OwnerId != Guid.Empty)
                foreach (var limit in limits) await limit.EnsureRoomForMoves(new Dictionary<Guid, Guid> { [customer.Id] = customer.OwnerId }, ct);
            customer.ArchivedAt = null;
            customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return customer.ToDto();
    }
}
