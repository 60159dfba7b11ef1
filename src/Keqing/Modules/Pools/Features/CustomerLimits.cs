using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Customer limits (客户上限): set by whoever manages pools, checked wherever customers are given to someone
/// (<see cref="ICustomerLimits"/>: creating, claiming, assigning, handing over) and when a customer is locked. A user's
/// own limit wins over their team's. Counts are read from the database in the caller's transaction after locking the
/// owners, so two claims at once cannot both take the last place.
/// </summary>
public sealed class CustomerLimits(KeqingDb db, TimeProvider clock, IUserDirectory users, CurrentUser me) : ICustomerLimits
{
    public const int MaxCap = 1_000_000;

    public async Task<IReadOnlyList<CustomerLimitDto>> List(CancellationToken ct)
    {
        var limits = await db.Set<CustomerLimit>().AsNoTracking().OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).ToListAsync(ct);
        var holders = await Holders(limits, ct);
        return limits.Select(l => ToDto(l, holders)).ToList();
    }

    public async Task<CustomerLimitDto> Get(Guid id, CancellationToken ct)
    {
        var limit = await db.Set<CustomerLimit>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("customer limit");
        return ToDto(limit, await Holders([limit], ct));
    }

    public async Task<CustomerLimitDto> Create(CustomerLimitInput input, CancellationToken ct)
    {
        await Validate(null, input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = new CustomerLimit { UserId = input.UserId, TeamId = input.TeamId, CreatedAt = now };
        Apply(limit, input, now);
        db.Add(limit);
        await db.SaveChangesAsync(ct);
        return ToDto(limit, await Holders([limit], ct));
    }

    /// <summary>Changes a limit's caps (who it is for stays; If-Match).</summary>
    public async Task<CustomerLimitDto> Update(Guid id, long expectedVersion, CustomerLimitInput input, CancellationToken ct)
    {
        var limit = await db.Set<CustomerLimit>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("customer limit");
        Preconditions.ExpectVersion(db, limit, expectedVersion);
        await Validate(limit, input, ct);
        Apply(limit, input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ToDto(limit, await Holders([limit], ct));
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var limit = await db.Set<CustomerLimit>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("customer limit");
        db.Remove(limit);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The signed-in user's customers against their limit.</summary>
    public Task<CustomerRoomDto> RoomOfMe(CancellationToken ct) => RoomOf(me.UserId, ct);

    /// <summary>A user's customers against their limit.</summary>
    public async Task<CustomerRoomDto> RoomOf(Guid userId, CancellationToken ct)
    {
        var limit = await LimitOf(userId, ct);
        var counts = (await Count([userId], ct)).GetValueOrDefault(userId) ?? new OwnerCounts();
        return new CustomerRoomDto(limit?.CountWonCustomers == true ? counts.Owned : counts.Owned - counts.Won, limit?.MaxOwned,
            counts.Locked, limit?.MaxLocked);
    }

    public async Task EnsureRoom(IReadOnlyDictionary<Guid, int> addingByOwner, CancellationToken ct)
    {
        var owners = addingByOwner.Where(a => a.Value > 0 && a.Key != Guid.Empty).Select(a => a.Key).ToList();
        if (owners.Count == 0) return;
        if (db.Database.CurrentTransaction is not null) await AdvisoryLocks.Take(db, owners.Select(LockKey), ct);
        var limits = new Dictionary<Guid, (CustomerLimit Limit, string? Team)>();
        foreach (var owner in owners)
            if (await LimitOf(owner, ct) is { MaxOwned: not null } limit)
                limits[owner] = (limit, limit.TeamId is { } t ? (await users.Teams(ct)).FirstOrDefault(x => x.Id == t)?.Name : null);
        if (limits.Count == 0) return;
        var counts = await Count(limits.Keys.ToList(), ct);
        foreach (var (owner, (limit, team)) in limits.OrderBy(l => l.Key))
        {
            var c = counts.GetValueOrDefault(owner) ?? new OwnerCounts();
            var owned = limit.CountWonCustomers ? c.Owned : c.Owned - c.Won;
            var adding = addingByOwner[owner];
            if (owned + adding <= limit.MaxOwned) continue;
            throw new ConflictException(TooMany((await users.Find(owner, ct))?.DisplayName ?? "", limit.MaxOwned!.Value, team, owned, adding));
        }
    }

    public async Task EnsureRoomForMoves(IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        await EnsureRoom(newOwnerByCustomer.Values.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count()), ct);
        var locked = new List<Guid>();
        // In slices: a hand-over may move thousands of customers, more than a database takes as parameters at once.
        foreach (var slice in newOwnerByCustomer.Keys.Chunk(1000))
            locked.AddRange(await db.Set<PoolCustomer>().AsNoTracking().Where(s => slice.Contains(s.CustomerId) && s.LockedAt != null)
                .Select(s => s.CustomerId).ToListAsync(ct));
        foreach (var owner in locked.GroupBy(id => newOwnerByCustomer[id]).OrderBy(g => g.Key))
            await EnsureLockRoom(owner.Key, owner.Count(), ct);
    }

    /// <summary>
    /// How many more customers each owner with a limit may get (an import takes that many of their rows); the refusal
    /// of the next one counts the owner as holding their limit already, as they will once the rows before it are in.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, CustomerRoomLeft>> RoomLeft(IReadOnlyCollection<Guid> owners, CancellationToken ct)
    {
        var room = new Dictionary<Guid, CustomerRoomLeft>();
        var asked = owners.Where(o => o != Guid.Empty).Distinct().ToList();
        if (asked.Count == 0) return room;
        if (db.Database.CurrentTransaction is not null) await AdvisoryLocks.Take(db, asked.Select(LockKey), ct);
        var limits = new Dictionary<Guid, CustomerLimit>();
        foreach (var owner in asked)
            if (await LimitOf(owner, ct) is { MaxOwned: not null } limit) limits[owner] = limit;
        if (limits.Count == 0) return room;
        var counts = await Count(limits.Keys.ToList(), ct);
        var teams = limits.Values.Any(l => l.TeamId is not null) ? await users.Teams(ct) : new List<TeamSummary>();
        var names = await users.Names(limits.Keys, ct);
        foreach (var (owner, limit) in limits)
        {
            var c = counts.GetValueOrDefault(owner) ?? new OwnerCounts();
            var owned = limit.CountWonCustomers ? c.Owned : c.Owned - c.Won;
            var max = limit.MaxOwned!.Value;
            var team = limit.TeamId is { } t ? teams.FirstOrDefault(x => x.Id == t)?.Name : null;
            room[owner] = new CustomerRoomLeft(Math.Max(0, max - owned), TooMany(names.GetValueOrDefault(owner, ""), max, team, Math.Max(owned, max), 1), max, team);
        }
        return room;
    }

    private static string TooMany(string name, int max, string? team, int owned, int adding) => team is null
        ? FieldErrors.Text("{0} may own at most {1} customers (their own limit); they own {2}, so {3} more would be too many.", name, max, owned, adding)
        : FieldErrors.Text("{0} may own at most {1} customers (the limit of the team {2}); they own {3}, so {4} more would be too many.", name, max, team, owned, adding);

    /// <summary>
    /// Throws a 409 naming the limit when the owner of a customer about to be locked (or of <paramref name="adding"/>
    /// locked customers about to be given to them) would have more locked than they may.
    /// </summary>
    public async Task EnsureLockRoom(Guid ownerId, int adding, CancellationToken ct)
    {
        if (ownerId == Guid.Empty || await LimitOf(ownerId, ct) is not { MaxLocked: { } max } limit) return;
        if (db.Database.CurrentTransaction is not null) await AdvisoryLocks.Take(db, [LockKey(ownerId)], ct);
        var locked = (await Count([ownerId], ct)).GetValueOrDefault(ownerId)?.Locked ?? 0;
        if (locked + adding <= max) return;
        var name = (await users.Find(ownerId, ct))?.DisplayName ?? "";
        var team = limit.TeamId is { } t ? (await users.Teams(ct)).FirstOrDefault(x => x.Id == t)?.Name : null;
        throw new ConflictException(team is null
            ? FieldErrors.Text("{0} may have at most {1} locked customers (their own limit); {2} are locked already.", name, max, locked)
            : FieldErrors.Text("{0} may have at most {1} locked customers (the limit of the team {2}); {3} are locked already.", name, max, team, locked));
    }

    private static string LockKey(Guid owner) => "pools.customer-limit:" + owner;

    /// <summary>The user's own limit, else their team's.</summary>
    private async Task<CustomerLimit?> LimitOf(Guid userId, CancellationToken ct)
    {
        var team = (await users.Find(userId, ct))?.TeamId;
        var limits = await db.Set<CustomerLimit>().AsNoTracking().Where(l => l.UserId == userId || (team != null && l.TeamId == team)).ToListAsync(ct);
        return limits.FirstOrDefault(l => l.UserId == userId) ?? limits.FirstOrDefault();
    }

    /// <summary>One owner's live customers, those of them with a won deal, and those locked.</summary>
    public sealed class OwnerCounts
    {
        public Guid OwnerId { get; set; }
        public int Owned { get; set; }
        public int Won { get; set; }
        public int Locked { get; set; }
    }

    private async Task<Dictionary<Guid, OwnerCounts>> Count(List<Guid> owners, CancellationToken ct)
    {
        var placeholders = string.Join(", ", owners.Select((_, i) => "{" + i + "}"));
        var sql = $"""
            SELECT c."OwnerId" AS "OwnerId", COUNT(*) AS "Owned",
                SUM(CASE WHEN EXISTS (SELECT 1 FROM {ForeignTables.Opportunities} o WHERE o."CustomerId" = c."Id" AND o."Status" = '{ForeignTables.OpportunityWon}' AND o."ArchivedAt" IS NULL) THEN 1 ELSE 0 END) AS "Won",
                SUM(CASE WHEN s."LockedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "Locked"
            FROM {ForeignTables.Customers} c LEFT JOIN pools_customers s ON s."CustomerId" = c."Id"
            WHERE c."ArchivedAt" IS NULL AND c."OwnerId" IN ({placeholders})
            GROUP BY c."OwnerId"
            """;
        var rows = await db.Database.SqlQueryRaw<OwnerCounts>(sql, owners.Cast<object>().ToArray()).ToListAsync(ct);
        return rows.ToDictionary(r => r.OwnerId);
    }

    private async Task Validate(CustomerLimit? existing, CustomerLimitInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (existing is null)
        {
            if ((input.UserId is null) == (input.TeamId is null))
                errors.Add("userId", FieldErrors.Text("Give either a user or a team."));
            else if (input.UserId is { } u && await users.Find(u, ct) is not { IsActive: true })
                errors.Add("userId", FieldErrors.Text("No active user has this id."));
            else if (input.TeamId is { } t && !await users.TeamExists(t, ct))
                errors.Add("teamId", FieldErrors.Text("No team has this id."));
            else if (await db.Set<CustomerLimit>().AnyAsync(l => (input.UserId != null && l.UserId == input.UserId) || (input.TeamId != null && l.TeamId == input.TeamId), ct))
                errors.Add(input.UserId is null ? "teamId" : "userId", FieldErrors.Text("A limit is set for them already; change that one."));
        }
        else if ((input.UserId is not null && input.UserId != existing.UserId) || (input.TeamId is not null && input.TeamId != existing.TeamId))
            errors.Add("userId", FieldErrors.Text("Who a limit is for cannot change; remove it and set a new one."));
        if (input.MaxOwned is < 0 or > MaxCap) errors.Add("maxOwned", FieldErrors.Text("A whole number from {0} to {1}.", 0, MaxCap));
        if (input.MaxLocked is < 0 or > MaxCap) errors.Add("maxLocked", FieldErrors.Text("A whole number from {0} to {1}.", 0, MaxCap));
        if (input.MaxOwned is null && input.MaxLocked is null)
            errors.Add("maxOwned", FieldErrors.Text("Give the most customers owned, the most locked, or both."));
        errors.ThrowIfAny();
    }

    private static void Apply(CustomerLimit limit, CustomerLimitInput input, DateTime now)
    {
        limit.MaxOwned = input.MaxOwned;
        limit.MaxLocked = input.MaxLocked;
        limit.CountWonCustomers = input.CountWonCustomers;
        limit.UpdatedAt = now;
    }

    private async Task<Dictionary<Guid, string>> Holders(IReadOnlyList<CustomerLimit> limits, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>(await users.Names(limits.Where(l => l.UserId != null).Select(l => l.UserId!.Value), ct));
        if (limits.Any(l => l.TeamId != null))
            foreach (var team in await users.Teams(ct)) names[team.Id] = team.Name;
        return names;
    }

    private static CustomerLimitDto ToDto(CustomerLimit l, Dictionary<Guid, string> holders) =>
        new(l.Id, l.UserId, l.TeamId, holders.GetValueOrDefault(l.UserId ?? l.TeamId ?? Guid.Empty, ""), l.MaxOwned, l.MaxLocked, l.CountWonCustomers, l.Version);
}
