using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// The map tiles' address. None by default: then no page loads a tile and nothing leaves the network; the team's day
/// shows its list and a note. An admin sets an https template with {z}, {x} and {y} (a company tile server, 天地图 …).
/// </summary>
public sealed class FieldSettingsStore(KeqingDb db)
{
    public async Task<FieldSettingsDto> Get(CancellationToken ct)
    {
        var s = await db.Set<FieldSettings>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == FieldSettings.SingletonId, ct);
        return s is null ? new FieldSettingsDto(null, null, 0) : new FieldSettingsDto(s.TileUrl, s.TileAttribution, s.Version);
    }

    public async Task<FieldSettingsDto> Update(long expectedVersion, FieldSettingsInput input, CancellationToken ct)
    {
        var url = string.IsNullOrWhiteSpace(input.TileUrl) ? null : input.TileUrl.Trim();
        var attribution = string.IsNullOrWhiteSpace(input.TileAttribution) ? null : input.TileAttribution.Trim();
        var errors = new FieldErrors().MaxLength("tileUrl", url, Rules.MaxTileUrl).MaxLength("tileAttribution", attribution, 300);
        if (url is not null && !IsTileTemplate(url))
            errors.Add("tileUrl", FieldErrors.Text("An https address with {z}, {x} and {y}, e.g. https://tiles.example.com/{z}/{x}/{y}.png."));
        if (attribution is not null && attribution.Any(c => c is '<' or '>')) errors.Add("tileAttribution", FieldErrors.Text("Plain text only."));
        errors.ThrowIfAny();
        var s = await db.Set<FieldSettings>().FirstOrDefaultAsync(x => x.Id == FieldSettings.SingletonId, ct);
        if (s is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            s = new FieldSettings { Version = 1 };
            db.Add(s);
        }
        else Preconditions.ExpectVersion(db, s, expectedVersion);
        (s.TileUrl, s.TileAttribution) = (url, attribution);
        await db.SaveChangesAsync(ct);
        return new FieldSettingsDto(s.TileUrl, s.TileAttribution, s.Version);
    }

    public static bool IsTileTemplate(string url) =>
        Uri.TryCreate(url.Replace("{z}", "0", StringComparison.Ordinal).Replace("{x}", "0", StringComparison.Ordinal)
            .Replace("{y}", "0", StringComparison.Ordinal).Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps && url.Contains("{z}", StringComparison.Ordinal) && url.Contains("{x}", StringComparison.Ordinal)
        && url.Contains("{y}", StringComparison.Ordinal)
        && !url.Any(c => c is '"' or '\'' or '<' or '>' or ' ' || char.IsControl(c));
}
