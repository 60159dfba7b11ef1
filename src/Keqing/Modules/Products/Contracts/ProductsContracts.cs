using System.Text.Json.Serialization;
using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Products.Contracts;

/// <summary>What the Products module lets a role do (granted in <see cref="ProductsModule"/>'s manifest).</summary>
public static class ProductsCapabilities
{
    /// <summary>Read products, categories and prices (everyone who quotes, orders or reports).</summary>
    public const string Read = "products.read";
    /// <summary>Create and edit products, categories, price groups and price lists; import products.</summary>
    public const string Manage = "products.manage";
}

/// <summary>Whom a price list is for; the more specific wins (customer &gt; group &gt; standard).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PriceListScope>))]
public enum PriceListScope
{
    [JsonStringEnumMemberName("standard")] Standard = 1,
    [JsonStringEnumMemberName("group")] Group = 2,
    [JsonStringEnumMemberName("customer")] Customer = 3,
}

/// <summary>A product as other modules see it (quotes, orders, the sales database).</summary>
public sealed record ProductSummary(Guid Id, string Sku, string Name, string? NameEn, Guid? CategoryId, string Unit,
    string? Specification, Money ListPrice, Money Cost, decimal VatRatePercent, bool Active);

/// <summary>A category as other modules see it.</summary>
public sealed record CategorySummary(Guid Id, Guid? ParentId, string Name, string? NameEn);

/// <summary>Products and categories for other modules.</summary>
public interface IProductCatalog
{
    /// <summary>These products (unknown ids are left out).</summary>
    Task<IReadOnlyDictionary<Guid, ProductSummary>> Get(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>Products by SKU, matched case-insensitively (imports); the key is the SKU as given.</summary>
    Task<IReadOnlyDictionary<string, ProductSummary>> BySku(IReadOnlyCollection<string> skus, CancellationToken ct);

    /// <summary>Every category (a tree of hundreds at most).</summary>
    Task<IReadOnlyList<CategorySummary>> Categories(CancellationToken ct);

    /// <summary>
    /// Active products whose SKU starts with, or whose Chinese or English name contains, the text (all active products
    /// when it is blank), by SKU, at most <paramref name="limit"/>: the product pickers of quotes, orders and the
    /// monthly sales form.
    /// </summary>
    Task<IReadOnlyList<ProductSummary>> Search(string? text, int limit, CancellationToken ct);

    /// <summary>The category of every product (null: none), for reports that group products by category.</summary>
    Task<IReadOnlyDictionary<Guid, Guid?>> CategoryOfEachProduct(CancellationToken ct);
}

/// <summary>
/// The one price for a customer × product × date × quantity, and where it came from. The same answer everywhere a
/// price is shown or checked (quotes, orders entered directly, <c>GET /api/prices/resolve</c>).
/// </summary>
public interface IPriceResolver
{
    /// <summary>The applicable price, or null when no list (and no standard price) has one for this quantity.</summary>
    Task<ResolvedPrice?> Resolve(Guid customerId, Guid productId, DateOnly date, int quantity, CancellationToken ct);
}

/// <summary>A resolved unit price (excluding VAT) and its source: the list, its scope and the tier's first quantity.</summary>
/// <param name="UnitPrice">The tier's unit price excluding VAT, in the list's currency.</param>
/// <param name="PriceListId">Null when the price is the product's own list price (no list applied).</param>
/// <param name="Source">What a quote line shows: the list's name; null for the product's own list price (pages say "标准价").</param>
/// <param name="Scope">The list's scope (standard for the product's own list price).</param>
/// <param name="MinQuantity">The first quantity of the tier that applied.</param>
public sealed record ResolvedPrice(Money UnitPrice, Guid? PriceListId, string? Source, PriceListScope Scope, int MinQuantity);

/// <summary>
/// One row of a product file as the import pipeline read it (<c>entity=products</c>): numbers already checked. A null
/// optional field keeps what an existing product has (a new one gets no English name, no category, no specification,
/// cost 0, VAT 13 %, active).
/// </summary>
public sealed record ProductImportRow(int RowNo, string Sku, string Name, string? NameEn, string? Category, string Unit,
    string? Specification, Money ListPrice, Money? Cost, decimal? VatRatePercent, bool? Active);

/// <summary>What became of an import row: stored (a new product, or an existing one of the SKU updated), or rejected with the reason.</summary>
public sealed record ProductImportResult(int RowNo, bool Stored, bool Updated, string? Error);

/// <summary>What the import pipeline (Imports) needs to bring a product file in.</summary>
public interface IProductImport
{
    /// <summary>
    /// Writes one batch in the caller's transaction (saved, not committed): a row whose SKU (case-insensitive) is a
    /// product's updates it, the others create one; a row naming an unknown category, or failing a product rule, is
    /// rejected with the reason. A later row of a SKU overwrites an earlier one.
    /// </summary>
    Task<IReadOnlyList<ProductImportResult>> Write(IReadOnlyList<ProductImportRow> rows, CancellationToken ct);

    /// <summary>The reasons <see cref="Write"/> would reject rows for (by row number), writing nothing: for a preview.</summary>
    Task<IReadOnlyDictionary<int, string>> Check(IReadOnlyList<ProductImportRow> rows, CancellationToken ct);
}
