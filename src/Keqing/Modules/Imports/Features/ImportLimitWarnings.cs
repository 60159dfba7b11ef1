using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// What the customer limits (客户上限, DOMAIN C1) will do to a customer import, said in its preview before anything is
/// written, so the user can fix the file first: for each owner whose new customers would pass their limit, how many rows
/// the import would reject. New customers are the rows that neither match an existing customer nor repeat an earlier row
/// of the file: the same rows the import needs room for.
/// </summary>
public sealed class ImportLimitWarnings(IEnumerable<ICustomerLimits> limits, IUserDirectory users)
{
    /// <summary>The warnings for these new customers' owners (one owner per row that would make a new customer).</summary>
    public async Task<IReadOnlyList<ImportLimitWarning>> For(IEnumerable<Guid> newCustomerOwners, CancellationToken ct)
    {
        var adding = newCustomerOwners.Where(o => o != Guid.Empty).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        if (adding.Count == 0) return [];
        // Outside a transaction the limits lock nothing: a preview only reads.
        var room = new Dictionary<Guid, CustomerRoomLeft>();
        foreach (var limit in limits)
            foreach (var (owner, left) in await limit.RoomLeft(adding.Keys.ToList(), ct))
                if (!room.TryGetValue(owner, out var other) || left.Left < other.Left) room[owner] = left;
        var over = room.Where(r => adding.GetValueOrDefault(r.Key) > r.Value.Left).ToList();
        if (over.Count == 0) return [];
        var names = await users.Names(over.Select(o => o.Key), ct);
        return over.Select(o => Warning(o.Key, names.GetValueOrDefault(o.Key) ?? "", adding[o.Key], o.Value))
            .OrderBy(w => w.OwnerName, StringComparer.Ordinal).ThenBy(w => w.OwnerId).ToList();
    }

    /// <summary>The rows past the room left: those the import would reject, naming the limit.</summary>
    public static ImportLimitWarning Warning(Guid ownerId, string name, int newCustomers, CustomerRoomLeft room)
    {
        var rejected = Math.Max(0, newCustomers - room.Left);
        var message = room.Team is null
            ? FieldErrors.Text("{0} row(s) would exceed {1}'s limit of {2} owned customers (their own limit): room for {3} more.", rejected, name, room.Max, room.Left)
            : FieldErrors.Text("{0} row(s) would exceed {1}'s limit of {2} owned customers (the limit of the team {3}): room for {4} more.", rejected, name, room.Max, room.Team, room.Left);
        return new ImportLimitWarning(ownerId, name, rejected, room.Max, room.Left, message);
    }
}
