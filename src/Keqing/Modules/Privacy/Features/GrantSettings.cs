using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>The admin's table of role × category → level (DOMAIN P1): <c>GET/PUT /api/privacy/grants</c>.</summary>
public sealed class GrantSettings(KeqingDb db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>The categories a grant can be set for (<see cref="Sensitivity.None"/> is seen by everyone).</summary>
    public static readonly IReadOnlyList<Sensitivity> Categories = Enum.GetValues<Sensitivity>().Where(s => s != Sensitivity.None).ToList();

    public async Task<IReadOnlyList<RoleGrantsDto>> List(CancellationToken ct)
    {
        var rows = await db.Set<PrivacyGrant>().AsNoTracking().ToListAsync(ct);
        return Roles.All.Select(role => new RoleGrantsDto(role, Categories.ToDictionary(s => s,
            s => rows.FirstOrDefault(r => r.Role == role && r.Category == s)?.Level ?? DefaultGrants.Of(role, s)))).ToList();
    }

    /// <summary>Sets the levels given (roles and categories left out keep theirs); every change is audited.</summary>
    public async Task<IReadOnlyList<RoleGrantsDto>> Put(IReadOnlyList<RoleGrantsDto>? grants, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (grants is null || grants.Count == 0) errors.Add("grants", FieldErrors.Text("Required."));
        var seen = new HashSet<(string?, Sensitivity)>();
        foreach (var (g, i) in (grants ?? []).Select((g, i) => (g, i)))
        {
            if (g is null)
            {
                errors.Add($"[{i}]", FieldErrors.Text("Required."));
                continue;
            }
            foreach (var category in (g.Levels ?? new Dictionary<Sensitivity, GrantLevel>()).Keys)
                if (!seen.Add((g.Role, category))) errors.Add($"[{i}].levels", FieldErrors.Text("A role's level for a category is given twice."));
            if (!Roles.All.Contains(g.Role)) errors.Add($"[{i}].role", FieldErrors.Text("Unknown role '{0}'.", g.Role ?? ""));
            foreach (var (category, level) in g.Levels ?? new Dictionary<Sensitivity, GrantLevel>())
                if (category == Sensitivity.None || !Enum.IsDefined(category) || !Enum.IsDefined(level))
                    errors.Add($"[{i}].levels", FieldErrors.Text("Levels are none, reveal or see for contact, health, finance, family or private."));
        }
        errors.ThrowIfAny();
        var rows = await db.Set<PrivacyGrant>().ToListAsync(ct);
        foreach (var g in grants!)
        foreach (var (category, level) in g.Levels ?? new Dictionary<Sensitivity, GrantLevel>())
        {
            var row = rows.FirstOrDefault(r => r.Role == g.Role && r.Category == category);
            if (row is null) db.Add(new PrivacyGrant { Role = g.Role, Category = category, Level = level });
            else row.Level = level;
        }
        await db.SaveChangesAsync(ct);
        PrivacyGrants.SettingsChanged(cache);
        return await List(ct);
    }
}
