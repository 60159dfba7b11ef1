using Keqing.Infrastructure.Http;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Map tiles fetched by the server from the address the admin configured, so the browser loads images only from Keqing
/// (the content security policy stays 'self') and no call leaves the network unless an admin asked for it.
/// </summary>
public sealed class MapTiles(FieldSettingsStore settings, IHttpClientFactory clients)
{
    public const string HttpClientName = "field-tiles";
    public const int MaxZoom = 19;

    public async Task<(byte[] Content, string ContentType)> Get(int z, int x, int y, CancellationToken ct)
    {
        if (z < 0 || z > MaxZoom || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z) throw new NotFoundException("tile");
        var template = (await settings.Get(ct)).TileUrl ?? throw new NotFoundException("tile");
        var url = template.Replace("{z}", Number(z), StringComparison.Ordinal).Replace("{x}", Number(x), StringComparison.Ordinal)
            .Replace("{y}", Number(y), StringComparison.Ordinal).Replace("{s}", "a", StringComparison.Ordinal);
        using var response = await clients.CreateClient(HttpClientName).GetAsync(url, ct);
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!response.IsSuccessStatusCode || !type.StartsWith("image/", StringComparison.Ordinal)) throw new NotFoundException("tile");
        return (await response.Content.ReadAsByteArrayAsync(ct), type);
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
