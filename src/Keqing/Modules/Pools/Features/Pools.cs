using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Pools (公海) and their members and rules: an admin creates and changes them; a member reads the pools they belong to.
/// </summary>
public sealed class Pools(KeqingDb db, TimeProvider clock, CurrentUser me, IUserDirectory users)
{
    public const int MaxQuota = 1000;
    public const int MaxWaitDays = 365;
    public const int MaxMembers = 200;

    /// <summary>All live pools for an admin; the pools one belongs to for anyone else.</summary>
    public async Task<List<PoolDto>> List(CancellationToken ct)
    {
        var pools = await Live().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        if (!me.Can(PoolsCapabilities.Manage))
        {
            var team = (await users.Find(me.UserId, ct))?.TeamId;
            pools = pools.Where(p => IsMember(p, me.UserId, team)).ToList();
        }
        return pools.Select(ToDto).ToList();
    }

    /// <summary>A pool the caller may see (admin, or a member), else 404.</summary>
    public async Task<PoolDto> Get(Guid id, CancellationToken ct) => ToDto(await Visible(id, ct));

    public async Task<Pool> Visible(Guid id, CancellationToken ct)
    {
        var pool = await Live().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("pool");
        if (me.Can(PoolsCapabilities.Manage)) return pool;
        var team = (await users.Find(me.UserId, ct))?.TeamId;
        return IsMember(pool, me.UserId, team) ? pool : throw new NotFoundException("pool");
    }

    public async Task<PoolDto> Create(PoolInput input, CancellationToken ct)
    {
        await Validate(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var pool = new Pool { CreatedAt = now };
        Apply(pool, input, now);
        db.Add(pool);
        await db.SaveChangesAsync(ct);
        return ToDto(pool);
    }

    public async Task<PoolDto> Update(Guid id, long expectedVersion, PoolInput input, CancellationToken ct)
    {
        var pool = await Live().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("pool");
        Preconditions.ExpectVersion(db, pool, expectedVersion);
        await Validate(input, ct);
        Apply(pool, input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ToDto(pool);
    }

    /// <summary>Archives a pool that holds no customer.</summary>
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var pool = await Live().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("pool");
        if (await db.Set<PoolCustomer>().AnyAsync(s => s.PoolId == id, ct))
            throw new ConflictException(FieldErrors.Text("This pool still holds customers; assign them before removing it."));
        pool.ArchivedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private IQueryable<Pool> Live() => db.Set<Pool>().Include(p => p.Members).Include(p => p.Rules).AsSplitQuery().Where(p => p.ArchivedAt == null);

    public static bool IsMember(Pool pool, Guid userId, Guid? teamId) =>
        pool.Members.Any(m => m.UserId == userId || (teamId is not null && m.TeamId == teamId));

    /// <summary>A pool administrator: a member marked so, directly or through their team.</summary>
    public static bool IsAdministrator(Pool pool, Guid userId, Guid? teamId) =>
        pool.Members.Any(m => m.Administrator && (m.UserId == userId || (teamId is not null && m.TeamId == teamId)));

    private async Task Validate(PoolInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 100);
        if (input.DailyClaimQuota is not { } quota || quota < 0 || quota > MaxQuota)
            errors.Add("dailyClaimQuota", FieldErrors.Text("A whole number from {0} to {1}.", 0, MaxQuota));
        if (input.ReclaimWaitDays is not { } wait || wait < 0 || wait > MaxWaitDays)
            errors.Add("reclaimWaitDays", FieldErrors.Text("A whole number from {0} to {1}.", 0, MaxWaitDays));
        var members = input.Members ?? [];
        if (members.Count > MaxMembers) errors.Add("members", FieldErrors.Text("At most {0} members.", MaxMembers));
        for (var i = 0; i < members.Count && i < MaxMembers; i++)
        {
            var m = members[i];
            if (m is null || (m.UserId is null) == (m.TeamId is null))
                errors.Add($"members[{i}]", FieldErrors.Text("Give either a user or a team."));
            else if (m.UserId is { } u && await users.Find(u, ct) is not { IsActive: true })
                errors.Add($"members[{i}].userId", FieldErrors.Text("No active user has this id."));
            else if (m.TeamId is { } t && !await users.TeamExists(t, ct))
                errors.Add($"members[{i}].teamId", FieldErrors.Text("No team has this id."));
        }
        var rules = input.Rules ?? [];
        var grades = new HashSet<string>();
        for (var i = 0; i < rules.Count && i < 5; i++)
        {
            var r = rules[i];
            if (r is null) { errors.Add($"rules[{i}]", FieldErrors.Text("Required.")); continue; }
            if (!grades.Add(r.Grade is { } grade ? Enum.GetName(grade)! : "")) errors.Add($"rules[{i}].grade", FieldErrors.Text("Each grade has at most one rule."));
            if (r.DaysWithoutFollowUp is null && r.DaysWithoutWonDeal is null)
                errors.Add($"rules[{i}]", FieldErrors.Text("Give the days without a follow-up, the days without a won deal, or both."));
            if (r.DaysWithoutFollowUp is < 1 or > RecycleRules.MaxDays)
                errors.Add($"rules[{i}].daysWithoutFollowUp", FieldErrors.Text("A whole number from {0} to {1}.", 1, RecycleRules.MaxDays));
            if (r.DaysWithoutWonDeal is < 1 or > RecycleRules.MaxDays)
                errors.Add($"rules[{i}].daysWithoutWonDeal", FieldErrors.Text("A whole number from {0} to {1}.", 1, RecycleRules.MaxDays));
            var shortest = Math.Min(r.DaysWithoutFollowUp ?? int.MaxValue, r.DaysWithoutWonDeal ?? int.MaxValue);
            if (r.NoticeDays < 0 || (shortest != int.MaxValue && r.NoticeDays >= shortest))
                errors.Add($"rules[{i}].noticeDays", FieldErrors.Text("At least 0 and fewer than the rule's days."));
        }
        if (rules.Count > 5) errors.Add("rules", FieldErrors.Text("At most one rule per grade and one for customers without a grade."));
        errors.ThrowIfAny();
    }

    private static void Apply(Pool pool, PoolInput input, DateTime now)
    {
        pool.Name = input.Name!.Trim();
        pool.DailyClaimQuota = input.DailyClaimQuota!.Value;
        pool.ReclaimWaitDays = input.ReclaimWaitDays!.Value;
        pool.Members.Clear();
        foreach (var m in (input.Members ?? []).DistinctBy(m => (m.UserId, m.TeamId)))
            pool.Members.Add(new PoolMember { UserId = m.UserId, TeamId = m.TeamId, Administrator = m.Administrator });
        pool.Rules.Clear();
        foreach (var r in input.Rules ?? [])
            pool.Rules.Add(new PoolRule
            {
                Grade = r.Grade, DaysWithoutFollowUp = r.DaysWithoutFollowUp, DaysWithoutWonDeal = r.DaysWithoutWonDeal,
                SpareOpenOpportunities = r.SpareOpenOpportunities, NoticeDays = r.NoticeDays,
            });
        pool.UpdatedAt = now;
    }

    private static PoolDto ToDto(Pool p) => new(p.Id, p.Name, p.DailyClaimQuota, p.ReclaimWaitDays,
        p.Members.OrderBy(m => m.Id).Select(m => new PoolMemberInput(m.UserId, m.TeamId, m.Administrator)).ToList(),
        p.Rules.OrderBy(r => r.Grade).Select(r => new PoolRuleInput(r.Grade, r.DaysWithoutFollowUp, r.DaysWithoutWonDeal, r.SpareOpenOpportunities, r.NoticeDays)).ToList(),
        p.Version);
}
