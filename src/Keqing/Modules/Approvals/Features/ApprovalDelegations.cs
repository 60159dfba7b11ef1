using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>
/// The caller's delegations while away: approvals that reach them between two instants go to another user. A step
/// already waiting stays with its approver (they can hand it on themselves).
/// </summary>
public sealed class ApprovalDelegations(KeqingDb db, CurrentUser me, TimeProvider time, IUserDirectory users)
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    /// <summary>The caller's delegations that have not ended.</summary>
    public async Task<IReadOnlyList<DelegationDto>> Mine(CancellationToken ct)
    {
        var userId = me.UserId;
        var now = time.GetUtcNow().UtcDateTime;
        var list = await db.Set<ApprovalDelegation>().AsNoTracking().Where(d => d.FromUserId == userId && d.EndsAt > now)
            .OrderBy(d => d.StartsAt).ThenBy(d => d.Id).ToListAsync(ct);
        var names = await users.Names(list.Select(d => d.ToUserId).Distinct(), ct);
        return list.Select(d => ToDto(d, names)).ToList();
    }

    public async Task<DelegationDto> Create(DelegationInput input, CancellationToken ct)
    {
        var userId = me.UserId;
        var now = time.GetUtcNow().UtcDateTime;
        var starts = input.StartsAt?.ToUniversalTime() ?? now;
        var errors = new FieldErrors();
        if (input.ToUserId is not { } to) errors.Add("toUserId", FieldErrors.Text("Required."));
        else if (to == userId) errors.Add("toUserId", FieldErrors.Text("Choose someone other than yourself."));
        else if (await users.Find(to, ct) is not { IsActive: true }) errors.Add("toUserId", FieldErrors.Text("No active user has this id."));
        if (input.EndsAt is not { } endsAt) errors.Add("endsAt", FieldErrors.Text("Required."));
        else if (endsAt.ToUniversalTime() <= starts || endsAt.ToUniversalTime() <= now) errors.Add("endsAt", FieldErrors.Text("Must be after the start and in the future."));
        else if (endsAt.ToUniversalTime() - starts > Longest) errors.Add("endsAt", FieldErrors.Text("At most a year after the start."));
        errors.ThrowIfAny();
        var delegation = new ApprovalDelegation
        {
            FromUserId = userId, ToUserId = input.ToUserId!.Value, StartsAt = starts, EndsAt = input.EndsAt!.Value.ToUniversalTime(), CreatedAt = now,
        };
        db.Add(delegation);
        await db.SaveChangesAsync(ct);
        return ToDto(delegation, await users.Names([delegation.ToUserId], ct));
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var userId = me.UserId;
        var delegation = await db.Set<ApprovalDelegation>().FirstOrDefaultAsync(d => d.Id == id && d.FromUserId == userId, ct)
                         ?? throw new NotFoundException("delegation");
        db.Remove(delegation);
        await db.SaveChangesAsync(ct);
    }

    private static DelegationDto ToDto(ApprovalDelegation d, IReadOnlyDictionary<Guid, string> names) =>
        new(d.Id, d.FromUserId, d.ToUserId, names.GetValueOrDefault(d.ToUserId, ""), d.StartsAt, d.EndsAt, d.CreatedAt);
}
