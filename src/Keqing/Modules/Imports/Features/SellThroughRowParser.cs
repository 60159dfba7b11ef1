using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Turns a row's cells into a monthly report row (<see cref="SellThroughImportRow"/>): a month, four whole numbers ≥ 0
/// ("1,200" and "1200.0" read as 1200), a distributor and a SKU, naming every bad cell. Whether the distributor and the
/// SKU exist is decided when the batch is written (<see cref="ISellThroughImport"/>).
/// </summary>
public sealed class SellThroughRowParser(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> mapping, int maxCellLength = 10_000)
{
    private readonly (int Index, string Field)[] columns = headers.Select((h, i) => (i, mapping.GetValueOrDefault(h)))
        .Where(x => x.Item2 is not null && SellThroughImportFields.IsField(x.Item2)).Select(x => (x.i, x.Item2!)).ToArray();

    public ParsedRow Parse(int rowNo, string[] values)
    {
        var errors = new List<string>();
        var cells = RowParser.Cells(columns, values, maxCellLength, errors);
        string Text(string field, int max)
        {
            if (!cells.TryGetValue(field, out var v)) { errors.Add(FieldErrors.Text("{0}: required.", field)); return ""; }
            if (v.Length > max) { errors.Add(FieldErrors.Text("{0}: at most {1} characters (got {2}).", field, max, v.Length)); return ""; }
            return v;
        }
        long Number(string field)
        {
            if (!cells.TryGetValue(field, out var v)) { errors.Add(FieldErrors.Text("{0}: required.", field)); return 0; }
            // Plain digits, as almost every cell of a generated file is, without the separators' copies and a decimal.
            if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && whole <= 1_000_000_000_000L) return whole;
            if (decimal.TryParse(v.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d >= 0 && d <= 1_000_000_000_000m)
                return (long)d;
            errors.Add(FieldErrors.Text("{0}: '{1}' is not a whole number from 0 to {2}.", field, RowParser.Short(v), 1_000_000_000_000L));
            return 0;
        }
        var distributor = Text(SellThroughImportFields.Distributor, 200);
        var sku = Text(SellThroughImportFields.Sku, 64);
        var monthText = Text(SellThroughImportFields.Month, 20);
        var month = SellThroughMonth.Parse(monthText);
        if (month is null && monthText.Length > 0)
            errors.Add(FieldErrors.Text("month: '{0}' is not a month (write 2026-11).", RowParser.Short(monthText)));
        var (opening, purchases, sales, closing) = (Number(SellThroughImportFields.Opening), Number(SellThroughImportFields.Purchases),
            Number(SellThroughImportFields.Sales), Number(SellThroughImportFields.Closing));
        return errors.Count == 0
            ? new ParsedRow(rowNo, null, [], SellThrough: new SellThroughImportRow(rowNo, distributor, sku, month!.Value, opening, purchases, sales, closing))
            : new ParsedRow(rowNo, null, errors);
    }
}
