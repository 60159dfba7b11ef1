using System.Text.Json;
using System.Text.Json.Nodes;
using Keqing.Modules.Customers.Contracts;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// The offline business registry: a JSON array of companies read from a local file (tests, demos, air-gapped sites).
/// Each entry has name, creditCode, legalRepresentative, address, status.
/// </summary>
public sealed class OfflineCompanyRegistry(IOptions<CompanyRegistryOptions> options, IHostEnvironment environment) : ICompanyRegistry
{
    private IReadOnlyList<CompanyRecord>? companies;

    public async Task<IReadOnlyList<CompanyRecord>> Search(string name, int limit, CancellationToken ct)
    {
        var all = companies ??= await Load(ct);
        var q = name.Trim();
        return all.Where(c => c.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(c => c.Name.Length)
            .ThenBy(c => c.Name, StringComparer.Ordinal).Take(limit).ToList();
    }

    private async Task<IReadOnlyList<CompanyRecord>> Load(CancellationToken ct)
    {
        var path = options.Value.File;
        if (!Path.IsPathRooted(path))
        {
            var beside = Path.Combine(AppContext.BaseDirectory, path);
            path = File.Exists(beside) ? beside : Path.Combine(environment.ContentRootPath, path);
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<List<CompanyRecord>>(stream, JsonSerializerOptions.Web, ct) ?? [];
    }
}

/// <summary>
/// A business registry behind a public HTTP API configured by base URL and key (<see cref="CompanyRegistryOptions"/>):
/// GET <c>{BaseUrl}/{SearchPath}</c> with the key in a header, the results found at <c>ItemsPath</c> and mapped by the
/// configured field names, so most commercial 工商 APIs fit without code.
/// </summary>
public sealed class HttpCompanyRegistry(IHttpClientFactory http, IOptions<CompanyRegistryOptions> options) : ICompanyRegistry
{
    public const string HttpClientName = "keqing-company-registry";

    public async Task<IReadOnlyList<CompanyRecord>> Search(string name, int limit, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.BaseUrl)) throw new InvalidOperationException("Keqing:CompanyRegistry:BaseUrl is not set.");
        var url = new Uri(new Uri(o.BaseUrl.TrimEnd('/') + "/"), o.SearchPath.Replace("{name}", Uri.EscapeDataString(name.Trim()), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(o.ApiKey)) request.Headers.TryAddWithoutValidation(o.KeyHeader, o.KeyPrefix + o.ApiKey);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        foreach (var part in o.ItemsPath.Split('.', StringSplitOptions.RemoveEmptyEntries)) node = node?[part];
        if (node is not JsonArray items) return [];
        var f = o.Fields;
        return items.OfType<JsonObject>()
            .Select(i => new CompanyRecord(Text(i, f.Name) ?? "", (Text(i, f.CreditCode) ?? "").ToUpperInvariant(),
                Text(i, f.LegalRepresentative), Text(i, f.Address), Text(i, f.Status)))
            .Where(c => c.Name.Length > 0).Take(limit).ToList();
    }

    private static string? Text(JsonObject item, string field) =>
        item[field] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
}

/// <summary>The business-registry lookup's services: <c>Keqing:CompanyRegistry</c> picks the provider (offline by default).</summary>
public static class CompanyRegistryServices
{
    public static IServiceCollection AddCompanyRegistry(this IServiceCollection services)
    {
        services.AddOptions<CompanyRegistryOptions>().BindConfiguration("Keqing:CompanyRegistry");
        services.AddHttpClient(HttpCompanyRegistry.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<OfflineCompanyRegistry>();
        services.AddScoped<HttpCompanyRegistry>();
        services.AddScoped<ICompanyRegistry>(sp =>
            sp.GetRequiredService<IOptions<CompanyRegistryOptions>>().Value.Provider.Equals("http", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<HttpCompanyRegistry>()
                : sp.GetRequiredService<OfflineCompanyRegistry>());
        return services;
    }
}
