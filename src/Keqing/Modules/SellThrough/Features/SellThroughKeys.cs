using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Finds the distributors (customers the caller may see, by id or exact name) and products (by id or SKU) a batch names,
/// and checks the month and figures: shared by the API, the form and the import.
/// </summary>
public sealed class SellThroughKeys(ICustomerDirectory customers, IProductCatalog products, TimeProvider clock)
{
    /// <summary>The most a figure may be (a unit count; keeps opening + purchases far from overflowing).</summary>
    public const long MaxFigure = 1_000_000_000_000;
    public const int FirstMonth = 200001;

    /// <summary>The visible distributors among these ids, and those with exactly one visible customer of each name (null: several).</summary>
    public async Task<(HashSet<Guid> Ids, Dictionary<string, Guid?> ByName)> Distributors(IEnumerable<Guid> ids, IEnumerable<string> names, CancellationToken ct)
    {
        var visible = await customers.Visible(ct);
        var idList = ids.Distinct().ToList();
        var nameList = names.Distinct(StringComparer.Ordinal).ToList();
        var found = new HashSet<Guid>();
        foreach (var chunk in idList.Chunk(1000))
            found.UnionWith(await visible.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));
        var byName = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        foreach (var chunk in nameList.Chunk(1000))
            foreach (var c in await visible.Where(c => chunk.Contains(c.Name)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                byName[c.Name] = byName.ContainsKey(c.Name) ? null : c.Id;
        return (found, byName);
    }

    /// <summary>The known products among these ids, and by SKU (as given).</summary>
    public async Task<(HashSet<Guid> Ids, IReadOnlyDictionary<string, ProductSummary> BySku)> Products(IReadOnlyCollection<Guid> ids, IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var known = ids.Count == 0 ? [] : (await products.Get(ids, ct)).Keys.ToHashSet();
        var bySku = skus.Count == 0 ? new Dictionary<string, ProductSummary>() : await products.BySku(skus, ct);
        return (known, bySku);
    }

    /// <summary>The latest month one may report: the current one (in the zone furthest ahead, UTC+14, so no one's current month is refused).</summary>
    public int LastMonth()
    {
        var now = clock.GetUtcNow().AddHours(14);
        return now.Year * 100 + now.Month;
    }

    /// <summary>Why this month may not be reported (null: it may).</summary>
    public string? MonthError(int month) => month < FirstMonth || month > LastMonth()
        ? FieldErrors.Text("The month must be between {0} and {1}.", SellThroughMonth.Format(FirstMonth), SellThroughMonth.Format(LastMonth()))
        : null;

    public static string? FigureError(long value) => value is < 0 or > MaxFigure
        ? FieldErrors.Text("Must be a whole number from 0 to {0}.", MaxFigure) : null;
}
