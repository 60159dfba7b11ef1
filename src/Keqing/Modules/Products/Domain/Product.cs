using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Products.Domain;

/// <summary>
/// Something the company sells (DOMAIN S3): SKU, names in Chinese and English, category, unit (盒, 台, 套 …),
/// specification (规格), list price, cost and VAT rate. Quotes, orders and the sales database refer to it by id.
/// </summary>
[RecordType("products.product")]
public sealed class Product : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The company's article number, unique (case-insensitive, compared upper-cased).</summary>
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public Guid? CategoryId { get; set; }
    /// <summary>The unit a quantity counts (盒, 台, 套, 支 …).</summary>
    public string Unit { get; set; } = "";
    /// <summary>规格: pack size, model, strength.</summary>
    public string? Specification { get; set; }
    /// <summary>The standard price (excluding VAT) when no price list has one.</summary>
    public Keqing.Infrastructure.Money.Money ListPrice { get; set; }
    /// <summary>The unit cost (excluding VAT), copied onto order lines for their margin.</summary>
    public Keqing.Infrastructure.Money.Money Cost { get; set; }
    /// <summary>增值税 rate in percent: 13, 9, 6, 0 (editable: other rates exist).</summary>
    public decimal VatRatePercent { get; set; } = 13m;
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A node of the product category tree (e.g. 影像设备 › 超声).</summary>
[RecordType("products.category")]
public sealed class ProductCategory : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid? ParentId { get; set; }
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    /// <summary>Position among its siblings.</summary>
    public int Order { get; set; }
}
