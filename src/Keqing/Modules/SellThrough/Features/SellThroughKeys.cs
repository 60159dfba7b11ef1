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

    /// <summary>
    /// The visible distributors among these ids, and what each text names among the customers the caller may see: the
    /// customer whose code in another system (<see cref="CustomerRef.ExternalId"/>) or unified social credit code it is,
    /// else the one with exactly this name, else the one whose name differs only in case, full-width/half-width forms and
    /// surrounding spaces (<see cref="DistributorNames.Fold"/>). A text two customers answer to names both as candidates.
    /// </summary>
    public async Task<(HashSet<Guid> Ids, Dictionary<string, DistributorMatch> ByText)> Distributors(IEnumerable<Guid> ids, IEnumerable<string> texts, CancellationToken ct)
    {
        var visible = await customers.Visible(ct);
        var idList = ids.Distinct().ToList();
        var found = new HashSet<Guid>();
        foreach (var chunk in idList.Chunk(1000))
            found.UnionWith(await visible.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));

        var byText = new Dictionary<string, DistributorMatch>(StringComparer.Ordinal);
        var open = texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        // Each step looks only for the texts the steps before it left open: a code, then the exact name, then the folded name.
        async Task Step(Func<List<string>, IQueryable<CustomerRef>> query, Func<CustomerRef, string> keyOf, Func<string, string> keyOfText, int chunkSize = 500)
        {
            if (open.Count == 0) return;
            var candidates = new Dictionary<string, List<CustomerRef>>(StringComparer.Ordinal);
            foreach (var chunk in open.Select(keyOfText).Distinct(StringComparer.Ordinal).Chunk(chunkSize))
                foreach (var c in await query([.. chunk]).Select(c => new CustomerRef { Id = c.Id, Name = c.Name, ExternalId = c.ExternalId, CreditCode = c.CreditCode }).ToListAsync(ct))
                {
                    if (!candidates.TryGetValue(keyOf(c), out var list)) candidates[keyOf(c)] = list = [];
                    if (list.All(x => x.Id != c.Id)) list.Add(c);
                }
            foreach (var text in open.ToList())
            {
                if (!candidates.TryGetValue(keyOfText(text), out var matches)) continue;
                byText[text] = matches.Count == 1 ? new DistributorMatch(matches[0].Id, []) : new DistributorMatch(null, [.. matches.Select(Describe)]);
                open.Remove(text);
            }
        }
        await Step(keys => visible.Where(c => c.ExternalId != null && keys.Contains(c.ExternalId)), c => c.ExternalId!, t => t.Trim());
        await Step(keys => visible.Where(c => c.CreditCode != null && keys.Contains(c.CreditCode)), c => c.CreditCode!, t => t.Trim().ToUpperInvariant());
        await Step(keys => visible.Where(c => keys.Contains(c.Name)), c => c.Name, t => t.Trim());
        await Step(keys => visible.Where(DistributorNames.LikeAny(keys)), c => DistributorNames.Fold(c.Name), DistributorNames.Fold, chunkSize: 50); // one OR term per name
        return (found, byText);
    }

    /// <summary>How an error names one of several candidates: its name and its code, credit code or (having neither) its id.</summary>
    private static string Describe(CustomerRef c) => $"{c.Name} ({((c.ExternalId ?? c.CreditCode) is { Length: > 0 } code ? code : c.Id.ToString())})";

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

/// <summary>
/// What a distributor cell or field names: the one customer (<see cref="Id"/>), or several (<see cref="Candidates"/>,
/// each described by name and code), which is an error naming them.
/// </summary>
public sealed record DistributorMatch(Guid? Id, IReadOnlyList<string> Candidates)
{
    /// <summary>The error for an ambiguous text (null when it names one customer).</summary>
    public string? AmbiguityError(string text) => Id is not null ? null
        : FieldErrors.Text("'{0}' could be several customers you may see: {1}. Write the customer's code or unified social credit code instead.",
            text.Length > 40 ? text[..40] + "…" : text, string.Join("; ", Candidates.Take(5)) + (Candidates.Count > 5 ? "; …" : ""));
}
