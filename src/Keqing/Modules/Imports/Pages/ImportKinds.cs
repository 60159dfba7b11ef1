using Keqing.Modules.Imports.Features;

namespace Keqing.Modules.Imports.Pages;

/// <summary>
/// What the imports page offers: the kinds of file an importer may bring in (the upload's own capability checks, so the
/// page never offers what the API refuses), and for each kind a template whose Chinese header row maps to every field.
/// </summary>
public static class ImportKinds
{
    /// <summary>Each kind with its template's header row: one header per field of <see cref="ImportEntities.FieldsOf"/>, in that order.</summary>
    public static readonly IReadOnlyList<(string Entity, string[] Headers)> All =
    [
        (ImportEntities.Customers,
            ["公司名称", "外部编号", "类型", "别名", "行业", "省份", "城市", "地址", "纬度", "经度", "电话", "公司邮箱", "网站", "统一社会信用代码", "法定代表人", "标签",
             "客户等级", "负责人", "联系人", "职位", "联系人手机", "联系人邮箱"]),
        (ImportEntities.Leads,
            ["姓名", "公司名称", "职位", "手机", "邮箱", "省份", "城市", "行业", "公司规模", "统一社会信用代码", "来源说明", "备注", "负责人"]),
        (ImportEntities.Products, ["产品编码", "产品名称", "英文名称", "产品分类", "单位", "规格型号", "标准价", "成本价", "税率", "是否启用"]),
        (ImportEntities.SellThrough, ["经销商名称", "产品编码", "月份", "期初库存", "本期进货", "本期销售", "期末库存"]),
    ];

    /// <summary>The kinds an importer may upload: customers and leads with the import capability alone, products and reports with their module's capability as well.</summary>
    public static IReadOnlyList<string> For(Importer importer) =>
        All.Select(k => k.Entity).Where(entity => entity switch
        {
            ImportEntities.Products => importer.Capabilities.Contains(Products.Contracts.ProductsCapabilities.Manage),
            ImportEntities.SellThrough => importer.Capabilities.Contains(SellThrough.Contracts.SellThroughCapabilities.Report),
            _ => true,
        }).ToList();

    /// <summary>Whether the kind carries personal data, so the import records a source and a legal basis for it (customers, leads).</summary>
    public static bool IsPersonal(string entity) => ImportEntities.HoldsPersonalData(entity);

    /// <summary>The template of a kind as a link the browser downloads: the header row as UTF-8 CSV with a byte order mark, so Excel reads the Chinese.</summary>
    public static string TemplateHref(string entity) =>
        "data:text/csv;charset=utf-8," + Uri.EscapeDataString("\uFEFF" + string.Join(',', All.Single(k => k.Entity == entity).Headers) + "\r\n");
}
