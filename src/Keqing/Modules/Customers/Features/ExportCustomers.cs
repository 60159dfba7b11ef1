using System.Globalization;
using System.Text;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Customers.Resources;
using Keqing.Modules.Identity.Contracts;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Exports a filtered customer list (DOMAIN A7) to CSV or .xlsx with the list's columns (or those asked for): the rows
/// are exactly what <see cref="ListCustomers"/> shows for the same filters — record access included — as the list's own
/// DTOs, streamed in keyset batches. Cells that a spreadsheet would run as a formula get a leading apostrophe, so they
/// show as text (<see cref="SpreadsheetCells"/>). Instants are in the exporting user's time zone: real date cells in
/// .xlsx, ISO 8601 with the offset in CSV (<c>2026-12-03T16:49:14+08:00</c>).
/// </summary>
public sealed class ExportCustomers(ListCustomers list, CustomFields customFields, IUserDirectory users, UserClock clock,
    TimeProvider time, IStringLocalizer<CustomersResource> L)
{
    /// <summary>How the .xlsx shows a date cell: the app's one format.</summary>
    public const string XlsxDateFormat = UserClock.Format;

    /// <summary>An .xlsx sheet holds 1,048,576 rows, one of them the header.</summary>
    public const int MaxXlsxRows = 1_048_575;

    /// <summary>The list page's columns, in its order (custom fields go before "updated").</summary>
    public static readonly string[] ListColumns = ["name", "kind", "grade", "region", "owner", "tags"];

    /// <summary>Every column an export can have; custom fields are <c>cf.&lt;key&gt;</c>.</summary>
    public static readonly string[] AllColumns =
    [
        "name", "kind", "grade", "region", "province", "city", "owner", "tags", "phones", "emails", "industry", "address",
        "website", "source", "creditCode", "legalRepresentative", "aliases", "externalId", "created", "updated", "id",
    ];

    /// <summary>A checked export, ready to write: its columns and its rows (not read yet).</summary>
    public sealed class Export(IReadOnlyList<(string Key, string Header)> columns, IAsyncEnumerable<CustomerDto> rows, ExportCustomers owner,
        TimeZoneInfo zone, DateTime madeAt)
    {
        public IReadOnlyList<(string Key, string Header)> Columns { get; } = columns;

        /// <summary>The download's name, stamped with the local time it was made: <c>customers-20261203-1649.xlsx</c>.</summary>
        public string FileName(string kind) =>
            $"customers-{UserClock.Local(madeAt, zone).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{kind}";

        /// <summary>UTF-8 with a byte-order mark (so Excel reads Chinese), RFC 4180 quoting, CRLF line ends.</summary>
        public async Task WriteCsv(Stream output, CancellationToken ct)
        {
            await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
            await writer.WriteAsync(string.Join(",", Columns.Select(c => SpreadsheetCells.Csv(SpreadsheetCells.Neutralise(c.Header)!))) + "\r\n");
            var n = 0;
            var line = new StringBuilder();
            await foreach (var customer in rows.WithCancellation(ct))
            {
                line.Clear();
                for (var i = 0; i < Columns.Count; i++)
                {
                    if (i > 0) line.Append(',');
                    var cell = await owner.Cell(customer, Columns[i].Key, zone, ct);
                    line.Append(SpreadsheetCells.Csv(cell is DateTimeOffset at
                        ? at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
                        : SpreadsheetCells.Neutralise((string)cell)!));
                }
                line.Append("\r\n");
                await writer.WriteAsync(line, ct);
                if (++n % 1_000 == 0) await writer.FlushAsync(ct);
            }
            await writer.FlushAsync(ct);
        }

        /// <summary>
        /// One sheet, written by MiniExcel to <paramref name="output"/> (seekable: a temporary file), row by row.
        /// Throws a validation error past <see cref="MaxXlsxRows"/> rows instead of cutting the list short.
        /// </summary>
        public async Task WriteXlsx(Stream output, CancellationToken ct)
        {
            // A local time is a date cell (a number with a date format), which Excel sorts and filters as a date.
            var configuration = new OpenXmlConfiguration
            {
                DynamicColumns = [.. Columns.Where(c => IsInstant(c.Key))
                    .Select(c => new DynamicExcelColumn(SpreadsheetCells.Neutralise(c.Header)!) { Format = XlsxDateFormat, Width = 18 })],
            };
            await MiniExcel.SaveAsAsync(output, Sheet(ct), printHeader: true, sheetName: "Customers", excelType: ExcelType.XLSX,
                configuration: configuration, cancellationToken: ct);
        }

        private IEnumerable<IDictionary<string, object?>> Sheet(CancellationToken ct)
        {
            // MiniExcel pulls rows synchronously; each pull waits for the next row of the current keyset batch.
            var headers = Columns.Select(c => SpreadsheetCells.Neutralise(c.Header)!).ToList();
            var n = 0;
            var e = rows.GetAsyncEnumerator(ct);
            try
            {
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    if (++n > MaxXlsxRows)
                        throw new ValidationFailedException("format", FieldErrors.Text("More than {0} customers match: export CSV, or narrow the filters.", MaxXlsxRows));
                    var row = new Dictionary<string, object?>(Columns.Count);
                    for (var i = 0; i < Columns.Count; i++)
                        row[headers[i]] = owner.Cell(e.Current, Columns[i].Key, zone, ct).AsTask().GetAwaiter().GetResult() switch
                        {
                            DateTimeOffset at => at.DateTime,
                            var text => SpreadsheetCells.Neutralise((string)text),
                        };
                    yield return row;
                }
            }
            finally
            {
                e.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private readonly Dictionary<Guid, string> ownerNames = [];
    private IReadOnlyList<CustomFieldDto> fields = [];

    /// <summary>Checks the format-independent parts (filters, columns) and prepares the rows; nothing is read yet.</summary>
    public async Task<Export> Prepare(CustomerQuery query, string? columns, CancellationToken ct)
    {
        fields = await customFields.List(ct);
        var keys = string.IsNullOrWhiteSpace(columns)
            ? ListColumns.Concat(fields.Select(f => "cf." + f.Key)).Append("updated").ToList()
            : columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var errors = new FieldErrors();
        foreach (var key in keys.Where(k => !AllColumns.Contains(k) && !(k.StartsWith("cf.", StringComparison.Ordinal) && fields.Any(f => "cf." + f.Key == k))))
            errors.Add("columns", FieldErrors.Text("'{0}' is not a column: use {1} or cf.<custom field key>.", key, string.Join(", ", AllColumns)));
        if (keys.Count == 0) errors.Add("columns", FieldErrors.Text("Name at least one column."));
        errors.ThrowIfAny();
        var rows = await list.StreamAll(query, ct);
        return new Export(keys.Select(k => (k, Header(k))).ToList(), rows, this, await clock.Zone(), time.GetUtcNow().UtcDateTime);
    }

    private string Header(string key) => key switch
    {
        "name" => L["Customer name"],
        "kind" => L["Kind"],
        "grade" => L["Grade"],
        "region" => L["Region"],
        "province" => L["Province"],
        "city" => L["City"],
        "owner" => L["Owner"],
        "tags" => L["Tags"],
        "phones" => L["Phones"],
        "emails" => L["Emails"],
        "industry" => L["Industry"],
        "address" => L["Address"],
        "website" => L["Website"],
        "source" => L["Source"],
        "creditCode" => L["Unified social credit code"],
        "legalRepresentative" => L["Legal representative"],
        "aliases" => L["Aliases"],
        "externalId" => L["External ID"],
        "created" => L["Created"],
        "updated" => L["Updated"],
        "id" => "ID",
        _ => fields.First(f => "cf." + f.Key == key).Label,
    };

    private static bool IsInstant(string key) => key is "created" or "updated";

    /// <summary>A cell: text, or for an instant its local time in <paramref name="zone"/> (with the offset).</summary>
    private async ValueTask<object> Cell(CustomerDto c, string key, TimeZoneInfo zone, CancellationToken ct) => key switch
    {
        "name" => c.Name,
        "kind" => (c.Kind == CustomerKind.Person ? L["Person"] : L["Organization"]).Value,
        "grade" => c.Grade?.ToString() ?? "",
        "region" => string.Join(" ", new[] { c.Province, c.City }.Where(s => !string.IsNullOrEmpty(s)).Distinct()),
        "province" => c.Province ?? "",
        "city" => c.City ?? "",
        "owner" => await OwnerName(c.OwnerId, ct),
        "tags" => string.Join("; ", c.Tags),
        "phones" => string.Join("; ", c.Phones),
        "emails" => string.Join("; ", c.Emails),
        "industry" => c.Industry ?? "",
        "address" => c.Address ?? "",
        "website" => c.Website ?? "",
        "source" => c.Source ?? "",
        "creditCode" => c.CreditCode ?? "",
        "legalRepresentative" => c.LegalRepresentative ?? "",
        "aliases" => string.Join("; ", c.Aliases),
        "externalId" => c.ExternalId ?? "",
        "created" => UserClock.Local(c.CreatedAt, zone),
        "updated" => UserClock.Local(c.UpdatedAt, zone),
        "id" => c.Id.ToString(),
        _ => CustomerText.Value(c, key[3..]),
    };

    private async ValueTask<string> OwnerName(Guid id, CancellationToken ct)
    {
        if (ownerNames.TryGetValue(id, out var name)) return name;
        var found = await users.Names([id], ct);
        return ownerNames[id] = found.GetValueOrDefault(id, "");
    }
}
