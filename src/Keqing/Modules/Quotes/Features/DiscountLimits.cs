using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>A role's limit (null: none).</summary>
public sealed record RoleDiscountLimit(string? Role, decimal? MaxPercent);

/// <summary>One user's own limit, over their roles' (null: none, even if a role has one).</summary>
public sealed record UserDiscountLimit(Guid? UserId, decimal? MaxPercent, string? UserName = null);

/// <summary>Every discount limit: each role that makes quotes (null: no limit) and the users' own limits.</summary>
public sealed record DiscountLimitsDto(IReadOnlyList<RoleDiscountLimit> Roles, IReadOnlyList<UserDiscountLimit> Users, long Version);

/// <summary>The limits as they should be (If-Match): roles not listed have no limit; users not listed follow their roles.</summary>
public sealed record DiscountLimitsInput(IReadOnlyList<RoleDiscountLimit>? Roles, IReadOnlyList<UserDiscountLimit>? Users);

/// <summary>A user's limit as the quote page and the API show it (null: no limit).</summary>
public sealed record MyDiscountLimitDto(decimal? MaxPercent);

/// <summary>
/// The largest discount each seller may give without an approval: per role that makes quotes, and per user over their
/// roles. Saved together under one version (If-Match); read by submit and send.
/// </summary>
public sealed class DiscountLimits(KeqingDb db, IUserDirectory users, CurrentUser me, TimeProvider time, ModuleCatalog catalog)
{
    public const int MaxUsers = 500;

    /// <summary>The roles that make quotes (those granted quotes.work): the roles a limit can be set for.</summary>
    private IReadOnlyList<string> SellingRoles => catalog.Find(QuotesCapabilities.Work)!.Roles;

    /// <summary>
    /// A user's limit: their own if set (null there: none), else the most generous of their selling roles', where a
    /// selling role without a limit has none; a user with no selling role cannot quote and has none.
    /// </summary>
    public static decimal? Resolve(bool hasOwn, decimal? own, IReadOnlyList<decimal?> sellingRoleLimits)
    {
        if (hasOwn) return own;
        if (sellingRoleLimits.Count == 0 || sellingRoleLimits.Any(l => l is null)) return null;
        return sellingRoleLimits.Max();
    }

    /// <summary>The caller's own limit.</summary>
    public async Task<MyDiscountLimitDto> Mine(CancellationToken ct) => new(await LimitOf(me.UserId, ct));

    public async Task<decimal?> LimitOf(Guid userId, CancellationToken ct)
    {
        var own = await db.Set<DiscountLimit>().AsNoTracking().FirstOrDefaultAsync(x => x.UserId == userId, ct);
        if (own is not null) return own.MaxPercent;
        var roles = (await users.RolesOf(userId, ct)).Where(SellingRoles.Contains).ToList();
        var limits = await db.Set<DiscountLimit>().AsNoTracking().Where(x => x.Role != null && roles.Contains(x.Role))
            .ToDictionaryAsync(x => x.Role!, x => x.MaxPercent, ct);
        return Resolve(false, null, [.. roles.Select(r => limits.GetValueOrDefault(r))]);
    }

    public async Task<DiscountLimitsDto> Get(CancellationToken ct)
    {
        var rows = await db.Set<DiscountLimit>().AsNoTracking().ToListAsync(ct);
        var version = await db.Set<DiscountLimitSet>().AsNoTracking().Where(x => x.Id == DiscountLimitSet.TheId).Select(x => x.Version)
            .FirstOrDefaultAsync(ct);
        var userRows = rows.Where(x => x.UserId != null).ToList();
        var names = await users.Names(userRows.Select(x => x.UserId!.Value), ct);
        return new DiscountLimitsDto(
            [.. SellingRoles.Select(r => new RoleDiscountLimit(r, rows.FirstOrDefault(x => x.Role == r)?.MaxPercent))],
            [.. userRows.Select(x => new UserDiscountLimit(x.UserId, x.MaxPercent, names.GetValueOrDefault(x.UserId!.Value)))
                .OrderBy(x => x.UserName, StringComparer.Ordinal)],
            version);
    }

    public async Task<DiscountLimitsDto> Save(long expectedVersion, DiscountLimitsInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var roleInputs = input.Roles ?? [];
        var userInputs = input.Users ?? [];
        for (var i = 0; i < roleInputs.Count; i++)
        {
            var at = $"roles[{i}]";
            if (roleInputs[i] is not { } r) { errors.Add(at, FieldErrors.Text("Required.")); continue; }
            if (r.Role is null || !SellingRoles.Contains(r.Role)) errors.Add($"{at}.role", FieldErrors.Text("Not a role that makes quotes."));
            else if (roleInputs.Take(i).Any(x => x?.Role == r.Role)) errors.Add($"{at}.role", FieldErrors.Text("Listed twice."));
            CheckPercent(errors, $"{at}.maxPercent", r.MaxPercent);
        }
        if (userInputs.Count > MaxUsers) errors.Add("users", FieldErrors.Text("At most {0}.", MaxUsers));
        else
        {
            var known = await users.Names(userInputs.Where(u => u?.UserId is not null).Select(u => u.UserId!.Value), ct);
            for (var i = 0; i < userInputs.Count; i++)
            {
                var at = $"users[{i}]";
                if (userInputs[i] is not { } u) { errors.Add(at, FieldErrors.Text("Required.")); continue; }
                if (u.UserId is not { } id || !known.ContainsKey(id)) errors.Add($"{at}.userId", FieldErrors.Text("No user has this id."));
                else if (userInputs.Take(i).Any(x => x?.UserId == id)) errors.Add($"{at}.userId", FieldErrors.Text("Listed twice."));
                CheckPercent(errors, $"{at}.maxPercent", u.MaxPercent);
            }
        }
        errors.ThrowIfAny();

        var set = await db.Set<DiscountLimitSet>().FirstOrDefaultAsync(x => x.Id == DiscountLimitSet.TheId, ct);
        if (set is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            // Version 1 on the first save: whoever read the limits before (version 0) and saves after us gets 412.
            set = new DiscountLimitSet { Version = 1 };
            db.Add(set);
        }
        else
        {
            Preconditions.ExpectVersion(db, set, expectedVersion);
            set.Version++;
        }
        set.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var existing = await db.Set<DiscountLimit>().ToListAsync(ct);
        var wanted = roleInputs.Where(r => r.MaxPercent is not null).Select(r => (Role: r.Role, UserId: (Guid?)null, r.MaxPercent))
            .Concat(userInputs.Select(u => (Role: (string?)null, u.UserId, u.MaxPercent))).ToList();
        // Rows kept where they still apply (their audit trail reads as changes), removed or added otherwise.
        foreach (var row in existing)
        {
            var match = wanted.FindIndex(w => w.Role == row.Role && w.UserId == row.UserId);
            if (match < 0) { db.Remove(row); continue; }
            row.MaxPercent = wanted[match].MaxPercent;
            wanted.RemoveAt(match);
        }
        db.AddRange(wanted.Select(w => new DiscountLimit { Role = w.Role, UserId = w.UserId, MaxPercent = w.MaxPercent }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(set).State == EntityState.Added)
        {
            throw new PreconditionFailedException(); // someone else saved the first limits at the same moment
        }
        return await Get(ct);
    }

    private static void CheckPercent(FieldErrors errors, string field, decimal? percent)
    {
        if (percent is not { } p) return;
        if (p is < 0 or > 100) errors.Add(field, FieldErrors.Text("Between {0} and {1}.", 0, 100));
        else if (decimal.Round(p, 2) != p) errors.Add(field, FieldErrors.Text("At most two decimals."));
    }
}
