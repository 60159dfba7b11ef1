using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Turns a row's cells into a product row (<see cref="ProductImportRow"/>): prices in yuan with at most two decimals
/// ("1,200.50" and "¥1200.5" read alike), the VAT rate in percent ("13" or "13%"), 启用 as 是/否 (yes/no, 1/0), naming
/// every bad cell. Whether the category exists is decided when the batch is written (<see cref="IProductImport"/>).
/// </summary>
public sealed class ProductRowParser(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> mapping, int maxCellLength = 10_000)
{
    private readonly (int Index, string Field)[] columns = headers.Select((h, i) => (i, mapping.GetValueOrDefault(h)))
        .Where(x => x.Item2 is not null && ProductImportFields.IsField(x.Item2)).Select(x => (x.i, x.Item2!)).ToArray();

    private static readonly string[] Yes = ["是", "启用", "有效", "在售", "y", "yes", "true", "1", "active"];
    private static readonly string[] No = ["否", "停用", "禁用", "无效", "停售", "n", "no", "false", "0", "inactive"];

    public ParsedRow Parse(int rowNo, string[] values)
    {
        var errors = new List<string>();
        var cells = RowParser.Cells(columns, values, maxCellLength, errors);
        string? Text(string field, int max, bool required)
        {
            if (!cells.TryGetValue(field, out var v) || string.IsNullOrWhiteSpace(v))
            {
                if (required) errors.Add(FieldErrors.Text("{0}: required.", field));
                return null;
            }
            v = v.Trim();
            if (v.Length > max) { errors.Add(FieldErrors.Text("{0}: at most {1} characters (got {2}).", field, max, v.Length)); return null; }
            return v;
        }
        decimal? Number(string field, bool required, string[] strip, decimal max, int decimals)
        {
            var v = Text(field, 100, required);
            if (v is null) return null;
            var s = v.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
            foreach (var x in strip) s = s.Replace(x, "", StringComparison.Ordinal);
            if (decimal.TryParse(s.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)
                && d >= 0 && d <= max && decimal.Round(d, decimals) == d)
                return d;
            errors.Add(FieldErrors.Text("{0}: '{1}' is not a number from 0 to {2} with at most {3} decimals.", field, RowParser.Short(v), max, decimals));
            return null;
        }
        var sku = Text(ProductImportFields.Sku, 64, true);
        var name = Text(ProductImportFields.Name, 200, true);
        var nameEn = Text(ProductImportFields.NameEn, 200, false);
        var category = Text(ProductImportFields.Category, 200, false);
        var unit = Text(ProductImportFields.Unit, 20, true);
        var specification = Text(ProductImportFields.Specification, 200, false);
        string[] currency = ["¥", "￥", "元", "CNY", "RMB"];
        var listPrice = Number(ProductImportFields.ListPrice, true, currency, 1_000_000_000m, 2);
        var cost = Number(ProductImportFields.Cost, false, currency, 1_000_000_000m, 2);
        var vat = Number(ProductImportFields.VatRate, false, ["%", "％"], 100m, 2);
        bool? active = null;
        if (Text(ProductImportFields.Active, 20, false) is { } a)
        {
            if (Yes.Contains(a, StringComparer.OrdinalIgnoreCase)) active = true;
            else if (No.Contains(a, StringComparer.OrdinalIgnoreCase)) active = false;
            else errors.Add(FieldErrors.Text("active: '{0}' is not 是 or 否 (yes or no).", RowParser.Short(a)));
        }
        return errors.Count == 0
            ? new ParsedRow(rowNo, null, [], Product: new ProductImportRow(rowNo, sku!, name!, nameEn, category, unit!, specification,
                Money.Of(listPrice!.Value), cost is { } c ? Money.Of(c) : null, vat, active))
            : new ParsedRow(rowNo, null, errors);
    }
}
