using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Imports.Features;

/// <summary>The fields a product import (<c>entity=products</c>) fills, and the Chinese and English headers that map to each automatically.</summary>
public static class ProductImportFields
{
    public const string Sku = "sku", Name = "name", NameEn = "nameEn", Category = "category", Unit = "unit", Specification = "specification",
        ListPrice = "listPrice", Cost = "cost", VatRate = "vatRatePercent", Active = "active";

    /// <summary>What every field belongs to.</summary>
    public const string Target = "product";

    public static readonly IReadOnlyList<(string Field, string Label, string Target)> All =
    [
        (Sku, "Product SKU", Target), (Name, "Product name", Target), (NameEn, "English name", Target), (Category, "Category (by name)", Target),
        (Unit, "Unit", Target), (Specification, "Specification", Target), (ListPrice, "Standard price (excl. VAT)", Target),
        (Cost, "Cost (excl. VAT)", Target), (VatRate, "VAT rate (%)", Target), (Active, "Active (yes/no)", Target),
    ];

    public static readonly IReadOnlyList<string> Required = [Sku, Name, Unit, ListPrice];

    private static readonly Dictionary<string, string> Synonyms = Build(new Dictionary<string, string[]>
    {
        [Sku] = ["sku", "产品编码", "物料编码", "商品编码", "编码", "货号", "product code", "item code", "article"],
        [Name] = ["名称", "产品名称", "商品名称", "品名", "中文名称", "name", "product name"],
        [NameEn] = ["英文名称", "英文名", "english name", "name en", "name (en)"],
        [Category] = ["分类", "类目", "产品分类", "产品类目", "category", "product category"],
        [Unit] = ["单位", "计量单位", "unit", "uom"],
        [Specification] = ["规格", "规格型号", "型号", "specification", "spec", "model"],
        [ListPrice] = ["标准价", "标准价格", "价格", "单价", "售价", "list price", "standard price", "price"],
        [Cost] = ["成本", "成本价", "cost", "unit cost"],
        [VatRate] = ["税率", "增值税率", "增值税税率", "vat", "vat rate", "tax rate"],
        [Active] = ["启用", "是否启用", "状态", "active", "enabled", "status"],
    });

    private static Dictionary<string, string> Build(Dictionary<string, string[]> byField)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, names) in byField)
            foreach (var n in names) map[ImportFields.Normalize(n)] = field;
        return map;
    }

    public static bool IsField(string field) => All.Any(f => f.Field == field);

    /// <summary>Each column to the field its header names; a field takes the first such column.</summary>
    public static Dictionary<string, string?> AutoMap(IReadOnlyList<string> headers)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        var taken = new HashSet<string>();
        foreach (var header in headers)
        {
            if (mapping.ContainsKey(header)) continue;
            var field = Synonyms.TryGetValue(ImportFields.Normalize(header), out var f) && taken.Add(f) ? f : null;
            mapping[header] = field;
        }
        return mapping;
    }

    /// <summary>Whether SKU, name, unit and standard price each have a column: a new product needs them all.</summary>
    public static bool MapsRequired(IReadOnlyDictionary<string, string?> mapping) => Required.All(f => mapping.Values.Contains(f));

    public static string RequiredMessage() => FieldErrors.Text("Map a column to each of SKU, name, unit and standard price.");
}
