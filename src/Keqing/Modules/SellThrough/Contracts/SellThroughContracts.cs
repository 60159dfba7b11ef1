using System.Text.Json.Serialization;

namespace Keqing.Modules.SellThrough.Contracts;

/// <summary>What the SellThrough module lets a role do (granted in <see cref="SellThroughModule"/>'s manifest).</summary>
public static class SellThroughCapabilities
{
    /// <summary>Enter, import and send distributors' monthly reports; read trends and alerts of the distributors one may see.</summary>
    public const string Report = "sellthrough.report";
    /// <summary>Read the manufacturer-wide heat map and every distributor's trend (managers, analysts).</summary>
    public const string Analyse = "sellthrough.analyse";
    /// <summary>Set alert limits (months of stock, reporting day).</summary>
    public const string ManageSettings = "sellthrough.settings.manage";
    /// <summary>Run the alert scan now instead of waiting for the job's next run (managers, admins).</summary>
    public const string ScanAlerts = "sellthrough.alerts.scan";
}

/// <summary>How a row came in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SellThroughSource>))]
public enum SellThroughSource
{
    [JsonStringEnumMemberName("form")] Form = 1,
    [JsonStringEnumMemberName("import")] Import = 2,
    [JsonStringEnumMemberName("api")] Api = 3,
}

/// <summary>
/// One row of a distributor's report as the import pipeline read it (<c>entity=sell-through</c>): the distributor by
/// its code, credit code or name, the product by SKU, the month as yyyymm and the four figures (already checked to be numbers ≥ 0).
/// </summary>
public sealed record SellThroughImportRow(int RowNo, string Distributor, string Sku, int Month, long Opening, long Purchases, long Sales, long Closing);

/// <summary>What became of an import row: stored (replacing an earlier report of the month or not, flagged when it does not add up), or rejected with the reason.</summary>
public sealed record SellThroughImportResult(int RowNo, bool Stored, bool Replaced, bool Balanced, string? Error);

/// <summary>What the import pipeline (Imports) needs to bring distributors' monthly reports in.</summary>
public interface ISellThroughImport
{
    /// <summary>
    /// Writes one batch in the caller's transaction (not committed) through the one write path of the sales database,
    /// answering for each row in the rows' order:
    /// a row naming a distributor the importer may not see (or several), an unknown SKU or a month not yet reportable is
    /// rejected with the reason; the others are stored, a later report of a distributor × product × month replacing the earlier one.
    /// </summary>
    Task<IReadOnlyList<SellThroughImportResult>> Write(IReadOnlyList<SellThroughImportRow> rows, Guid importerId, CancellationToken ct);

    /// <summary>
    /// After the last batch (or a cancelled import's last): recomputes what the batches left to the end, in a transaction
    /// of its own — the heat map's months they wrote. A run that stopped before it leaves them marked; the heat map
    /// recomputes them when it is next read.
    /// </summary>
    Task Complete(CancellationToken ct);

    /// <summary>The reasons <see cref="Write"/> would reject rows for (by row number), writing nothing: for a preview.</summary>
    Task<IReadOnlyDictionary<int, string>> Check(IReadOnlyList<SellThroughImportRow> rows, CancellationToken ct);
}

/// <summary>A report month as text ("2026-11") and as stored (202611).</summary>
public static class SellThroughMonth
{
    /// <summary>The month of "2026-11", "2026/11", "202611", "2026年11月" or a date in it ("2026-11-01"); null when it is none.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c)) { current.Append(c); continue; }
            if (current.Length > 0) { digits.Add(current.ToString()); current.Clear(); }
            if (c is not ('-' or '/' or '.' or '年' or '月' or '日' or ' ')) return null;
        }
        if (current.Length > 0) digits.Add(current.ToString());
        (string Year, string Month)? parts = digits switch
        {
            [{ Length: 6 } both] => (both[..4], both[4..]),
            [{ Length: 4 } y, { Length: 1 or 2 } m] => (y, m),
            [{ Length: 4 } y, { Length: 1 or 2 } m, { Length: 1 or 2 }] => (y, m),
            _ => null,
        };
        if (parts is not { } p) return null;
        int year = int.Parse(p.Year, System.Globalization.CultureInfo.InvariantCulture), month = int.Parse(p.Month, System.Globalization.CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 ? year * 100 + month : null;
    }

    public static string Format(int month) => $"{month / 100:D4}-{month % 100:D2}";

    /// <summary>The month before (202601 → 202512).</summary>
    public static int Previous(int month) => month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1;

    public static int Next(int month) => month % 100 == 12 ? month + 100 - 11 : month + 1;

    public static int Of(int year, int month) => year * 100 + month;

    public static int Of(DateOnly date) => Of(date.Year, date.Month);

    public static int Add(int month, int count)
    {
        var index = month / 100 * 12 + month % 100 - 1 + count;
        return Of(index / 12, index % 12 + 1);
    }

    /// <summary>How many months from <paramref name="from"/> to <paramref name="to"/> (0 when equal).</summary>
    public static int Between(int from, int to) => (to / 100 * 12 + to % 100) - (from / 100 * 12 + from % 100);

    public static bool IsValid(int month) => month / 100 is >= 1900 and <= 9999 && month % 100 is >= 1 and <= 12;
}

/// <summary>A batch of reports for <c>POST /api/sell-through</c>.</summary>
public sealed record SellThroughReportRequest(List<SellThroughRowInput>? Rows);

/// <summary>
/// One distributor × product × month report: the distributor by id or exact name, the product by id or SKU, the month
/// ("2026-11"), and the four figures in the product's unit.
/// </summary>
public sealed record SellThroughRowInput(Guid? DistributorId, string? Distributor, Guid? ProductId, string? Sku, string? Month,
    long? Opening, long? Purchases, long? Sales, long? Closing);

/// <summary>
/// What a batch did: rows accepted (stored new or replacing), of which replaced an earlier report of the same month; the
/// rows that do not add up (stored, flagged) with opening + purchases − sales − closing; and the rows refused, by their
/// index in the batch, with their errors by field (only the API accepts a batch with refused rows).
/// </summary>
public sealed record SellThroughReportResult(int Accepted, int Replaced, int Flagged, IReadOnlyList<FlaggedSellThroughRow> FlaggedRows,
    IReadOnlyList<RejectedSellThroughRow> Rejected);

/// <summary>A row (by its index in the batch) not stored, and why: field → messages (<c>row</c> for a missing row).</summary>
public sealed record RejectedSellThroughRow(int Index, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>A row (by its index in the batch) stored although opening + purchases − sales ≠ closing, and by how much.</summary>
public sealed record FlaggedSellThroughRow(int Index, long Difference);

/// <summary>A stored report row.</summary>
public sealed record SellThroughRowDto(Guid DistributorId, Guid ProductId, string Month, long Opening, long Purchases, long Sales, long Closing,
    bool Balanced, SellThroughSource Source, DateTime ReportedAt);

/// <summary>Rows of <c>GET /api/sell-through</c>, in month, distributor, product order; Truncated when there were more than the limit.</summary>
public sealed record SellThroughRowsPage(IReadOnlyList<SellThroughRowDto> Items, bool Truncated);
