using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Keqing.Modules.Privacy.Features;

/// <summary>The caller's view of personal data from the grant settings and reveals; see <see cref="IPrivacyGrants"/>.</summary>
public sealed class PrivacyGrants(KeqingDb db, CurrentUser currentUser, TimeProvider clock, IMemoryCache cache) : IPrivacyGrants
{
    private const string SettingsKey = "privacy:grant-settings";

    /// <summary>Drops this node's copy of the grant settings (after they changed).</summary>
    public static void SettingsChanged(IMemoryCache cache) => cache.Remove(SettingsKey);

    private IReadOnlyDictionary<Sensitivity, GrantLevel>? levels;

    public async Task<IReadOnlyDictionary<Sensitivity, GrantLevel>> Levels(CancellationToken ct)
    {
        if (levels is not null) return levels;
        var roles = Roles.All.Where(currentUser.IsInRole).ToList();
        var all = await cache.GetOrCreateAsync(SettingsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = IPrivacyGrants.SettingsLifetime;
            return await db.Set<PrivacyGrant>().AsNoTracking().TagWith(IPrivacyGrants.QueryTag).ToListAsync(ct);
        }) ?? [];
        var overrides = all.Where(g => roles.Contains(g.Role)).ToList();
        return levels = Enum.GetValues<Sensitivity>().ToDictionary(s => s, s => roles.Count == 0 ? GrantLevel.None : roles.Max(role =>
            overrides.FirstOrDefault(o => o.Role == role && o.Category == s)?.Level ?? DefaultGrants.Of(role, s)));
    }

    public async Task<ViewerAccess> For(IEnumerable<Guid> recordIds, CancellationToken ct, IReadOnlyCollection<Sensitivity>? present = null)
    {
        if (!currentUser.IsAuthenticated) return ViewerAccess.System;
        var granted = await Levels(ct);
        var ids = present is not null && !present.Any(s => granted.GetValueOrDefault(s) == GrantLevel.Reveal) ? [] : recordIds.Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = currentUser.UserId;
        var reveals = ids.Count == 0 ? [] : await db.Set<Reveal>().AsNoTracking().TagWith(IPrivacyGrants.QueryTag)
            .Where(r => r.UserId == userId && ids.Contains(r.SubjectId) && r.ExpiresAt > now)
            .Select(r => new { r.SubjectId, r.Category }).ToListAsync(ct);
        return new ViewerAccess(granted, reveals.GroupBy(r => r.SubjectId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Sensitivity>)g.Select(r => r.Category).ToHashSet()));
    }

    public async Task LogViews(string entityType, IEnumerable<(Guid Id, IReadOnlyList<string> Fields)> views, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = currentUser.UserIdOrNull;
        var added = false;
        foreach (var (id, fields) in views)
        {
            if (fields.Count == 0) continue;
            db.Set<AuditEntry>().Add(new AuditEntry
            {
                EntityType = entityType, EntityId = id, Action = AuditAction.Viewed, UserId = userId, At = now,
                Changes = JsonSerializer.Serialize(fields.Select(f => new AuditFieldChange(f, null, null)), JsonSerializerOptions.Web),
            });
            added = true;
        }
        if (added) await db.SaveChangesAsync(ct);
    }
}
