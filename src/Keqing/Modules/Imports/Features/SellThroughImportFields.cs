using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Imports.Features;

/// <summary>The fields a sales database import (<c>entity=sell-through</c>) fills, and the Chinese and English headers that map to each automatically.</summary>
public static class SellThroughImportFields
{
    public const string Distributor = "distributor", Sku = "sku", Month = "month", Opening = "opening", Purchases = "purchases",
        Sales = "sales", Closing = "closing";

    /// <summary>What every field belongs to.</summary>
    public const string Target = "sellThrough";

    public static readonly IReadOnlyList<(string Field, string Label, string Target)> All =
    [
        (Distributor, "Distributor (name, customer code or credit code)", Target), (Sku, "Product SKU", Target), (Month, "Month (2026-11)", Target),
        (Opening, "Opening stock", Target), (Purchases, "Purchases", Target), (Sales, "Sales", Target), (Closing, "Closing stock", Target),
    ];

    public static readonly IReadOnlyList<string> Required = [Distributor, Sku, Month, Opening, Purchases, Sales, Closing];

    private static readonly Dictionary<string, string> Synonyms = Build(new Dictionary<string, string[]>
    {
        [Distributor] = ["经销商", "经销商名称", "客户", "客户名称", "代理商", "distributor", "distributor name", "dealer", "customer",
            "经销商编码", "经销商代码", "客户编码", "客户代码", "统一社会信用代码", "distributor code", "customer code"],
        [Sku] = ["产品编码", "物料编码", "商品编码", "编码", "货号", "sku", "product code", "item code", "article"],
        [Month] = ["月份", "年月", "期间", "会计期间", "month", "period"],
        [Opening] = ["期初库存", "期初", "期初数量", "上月库存", "opening", "opening stock", "opening inventory"],
        [Purchases] = ["进货", "本期进货", "采购", "进货数量", "入库", "purchases", "purchased", "sell-in", "sell in"],
        [Sales] = ["销售", "本期销售", "销量", "销售数量", "出库", "sales", "sold", "sell-out", "sell out"],
        [Closing] = ["期末库存", "期末", "期末数量", "库存", "closing", "closing stock", "closing inventory", "stock"],
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

    /// <summary>Whether every field has a column: a report row needs all seven.</summary>
    public static bool MapsRequired(IReadOnlyDictionary<string, string?> mapping) => Required.All(f => mapping.Values.Contains(f));

    public static string RequiredMessage() =>
        FieldErrors.Text("Map a column to each of distributor, SKU, month, opening stock, purchases, sales and closing stock.");
}
