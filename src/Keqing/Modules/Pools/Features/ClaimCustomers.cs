using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// A member claims customers from a pool (within the pool's daily quota, and not one they lost less than the reclaim
/// wait ago), or a pool administrator assigns them to someone; all of them or none.
/// </summary>
public sealed class ClaimCustomers(KeqingDb db, TimeProvider clock, CurrentUser me, Pools pools, PoolMoves moves,
    IUserDirectory users, ICustomerDirectory customers, IUserTimeZones zones, CustomerLimits limits)
{
    public const int MaxPerRequest = 100;

    public async Task<MoveResult> Claim(Guid poolId, ClaimRequest request, CancellationToken ct)
    {
        var pool = await pools.Visible(poolId, ct);
        var ids = Ids(request.CustomerIds);
        var self = await users.Find(me.UserId, ct);
        if (!Pools.IsMember(pool, me.UserId, self?.TeamId))
            throw new ForbiddenException(FieldErrors.Text("Only the pool's members may claim its customers."));
        var states = await Waiting(pool, ids, ct);

        // The member is locked for the rest of the transaction: two claims at once cannot both take the last place
        // under the customer limit or the daily quota.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await limits.EnsureRoom(new Dictionary<Guid, int> { [me.UserId] = ids.Count }, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await zones.Of(me.UserId, ct);
        var dayStart = UserClock.StartOfDay(DateOnly.FromDateTime(UserClock.Local(now, zone).DateTime), zone);
        var claimedToday = await db.Set<PoolMove>().CountAsync(m => m.ToOwnerId == me.UserId && m.Kind == MoveKind.Claimed
            && m.PoolId == pool.Id && m.At >= dayStart, ct);
        var left = ClaimRules.Left(pool.DailyClaimQuota, claimedToday);
        if (ids.Count > left)
            throw new ConflictException(FieldErrors.Text("You may claim {0} customers a day from this pool; {1} left today.", pool.DailyClaimQuota, left));

        var lost = await db.Set<PoolMove>().Where(m => m.FromOwnerId == me.UserId && ids.Contains(m.CustomerId)
                && (m.Kind == MoveKind.Recycled || m.Kind == MoveKind.Released))
            .GroupBy(m => m.CustomerId).Select(g => new { CustomerId = g.Key, At = g.Max(m => m.At) }).ToListAsync(ct);
        foreach (var l in lost.OrderBy(l => l.At))
        {
            if (ClaimRules.MayReclaim(l.At, pool.ReclaimWaitDays, now)) continue;
            var name = (await customers.Find([l.CustomerId], ct)).GetValueOrDefault(l.CustomerId)?.Name ?? "";
            throw new ConflictException(FieldErrors.Text("You lost {0} on {1}; you may claim it again from {2}.", name,
                UserClock.Show(l.At, zone), UserClock.Show(ClaimRules.ReclaimFrom(l.At, pool.ReclaimWaitDays)!.Value, zone)));
        }
        var moved = await moves.TakeOut(pool, states, me.UserId, self?.TeamId, MoveKind.Claimed, me.UserId, self?.TeamId, self?.DisplayName, ct);
        await transaction.CommitAsync(ct);
        return new MoveResult(moved);
    }

    /// <summary>How many more customers the signed-in member may claim from the pool today (their local day).</summary>
    public async Task<int> LeftToday(Guid poolId, CancellationToken ct)
    {
        var pool = await pools.Visible(poolId, ct);
        var zone = await zones.Of(me.UserId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var dayStart = UserClock.StartOfDay(DateOnly.FromDateTime(UserClock.Local(now, zone).DateTime), zone);
        var claimedToday = await db.Set<PoolMove>().CountAsync(m => m.ToOwnerId == me.UserId && m.Kind == MoveKind.Claimed
            && m.PoolId == pool.Id && m.At >= dayStart, ct);
        return ClaimRules.Left(pool.DailyClaimQuota, claimedToday);
    }

    public async Task<MoveResult> Assign(Guid poolId, AssignRequest request, CancellationToken ct)
    {
        var pool = await pools.Visible(poolId, ct);
        var self = await users.Find(me.UserId, ct);
        if (!me.Can(PoolsCapabilities.Manage) && !Pools.IsAdministrator(pool, me.UserId, self?.TeamId))
            throw new ForbiddenException(FieldErrors.Text("Only the pool's administrators may assign its customers."));
        var errors = new FieldErrors();
        UserSummary? target = null;
        if (request.UserId is not { } userId) errors.Add("userId", FieldErrors.Text("Required."));
        else if ((target = await users.Find(userId, ct)) is not { IsActive: true }) errors.Add("userId", FieldErrors.Text("No active user has this id."));
        CheckIds(request.CustomerIds, errors);
        errors.ThrowIfAny();
        var states = await Waiting(pool, Ids(request.CustomerIds), ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await limits.EnsureRoom(new Dictionary<Guid, int> { [target!.Id] = states.Count }, ct);
        var moved = await moves.TakeOut(pool, states, target.Id, target.TeamId, MoveKind.Assigned, me.UserId, self?.TeamId, target.DisplayName, ct);
        await transaction.CommitAsync(ct);
        return new MoveResult(moved);
    }

    private async Task<List<PoolCustomer>> Waiting(Pool pool, List<Guid> ids, CancellationToken ct)
    {
        var states = await db.Set<PoolCustomer>().Where(s => s.PoolId == pool.Id && ids.Contains(s.CustomerId)).ToListAsync(ct);
        if (states.Count != ids.Count)
            throw new ConflictException(FieldErrors.Text("Some of these customers are no longer in this pool; reload it."));
        return states;
    }

    private static List<Guid> Ids(List<Guid>? ids)
    {
        var errors = new FieldErrors();
        CheckIds(ids, errors);
        errors.ThrowIfAny();
        return ids!.Distinct().ToList();
    }

    private static void CheckIds(List<Guid>? ids, FieldErrors errors)
    {
        if (ids is null || ids.Count == 0 || ids.Count > MaxPerRequest)
            errors.Add("customerIds", FieldErrors.Text("Give from 1 to {0} customers.", MaxPerRequest));
    }
}
