using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// The customers an employee opened lately (the home page's list): the customer page records an opening, the list
/// shows the newest that the employee may still open. Each employee keeps at most <see cref="Kept"/>.
/// </summary>
public sealed class RecentCustomers(KeqingDb db, CustomerReadScope readScope, CurrentUser currentUser, TimeProvider clock)
{
    public const int Kept = 20;

    /// <summary>One customer opened lately, with when.</summary>
    public sealed record Item(Guid Id, string Name, CustomerGrade? Grade, DateTime OpenedAt);

    public async Task Record(Guid customerId, CancellationToken ct)
    {
        var me = currentUser.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<RecentCustomer>().FirstOrDefaultAsync(r => r.UserId == me && r.CustomerId == customerId, ct);
        if (row is null) db.Add(new RecentCustomer { UserId = me, CustomerId = customerId, OpenedAt = now });
        else row.OpenedAt = now;
        var stale = await db.Set<RecentCustomer>().Where(r => r.UserId == me).OrderByDescending(r => r.OpenedAt).Skip(Kept - 1).ToListAsync(ct);
        db.RemoveRange(stale.Where(r => r.CustomerId != customerId));
        try { await db.SaveChangesAsync(ct); }
        // The same page opened twice at once: the other opening is recorded, which is all this list needs.
        catch (DbUpdateException) { db.ChangeTracker.Clear(); }
    }

    public async Task<IReadOnlyList<Item>> List(int limit, CancellationToken ct)
    {
        var me = currentUser.UserId;
        // What the employee may still open, by their role's rule too: a service agent's customers are those they looked up.
        var visible = await readScope.Openable(db.Set<Customer>().AsNoTracking(), ct);
        return await db.Set<RecentCustomer>().AsNoTracking().Where(r => r.UserId == me)
            .Join(visible.Where(c => c.ArchivedAt == null), r => r.CustomerId, c => c.Id, (r, c) => new { r.OpenedAt, c.Id, c.Name, c.Grade })
            .OrderByDescending(x => x.OpenedAt).Take(Math.Clamp(limit, 1, Kept))
            .Select(x => new Item(x.Id, x.Name, x.Grade, x.OpenedAt)).ToListAsync(ct);
    }
}
