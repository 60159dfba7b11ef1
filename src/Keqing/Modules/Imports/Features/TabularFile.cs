using System.Globalization;
using System.IO.Compression;
using System.Text;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace Keqing.Modules.Imports.Features;

/// <summary>A file that cannot be read as a table at all (or not past some row): the message says why, in the user's language.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>The limits that keep a hostile or broken file from exhausting the server.</summary>
public sealed record ImportLimits
{
    public int MaxColumns { get; init; } = 500;
    public int MaxCellLength { get; init; } = 10_000;
    /// <summary>The longest record (in characters) the CSV reader buffers before it gives up on the file.</summary>
    public int MaxRecordChars { get; init; } = 1 << 20;
    /// <summary>The most an .xlsx may unpack to, and the most any of its parts may be compressed.</summary>
    public long MaxXlsxUnpackedBytes { get; init; } = 1L << 30;
    public int MaxXlsxCompressionRatio { get; init; } = 200;
    public int MaxRows { get; init; } = 5_000_000;
    /// <summary>The most rows of a distributors' sales file (进销存): a year of 2,000 distributors × 500 products is 12,000,000.</summary>
    public int MaxReportRows { get; init; } = 20_000_000;

    /// <summary>The limits for a file of <paramref name="entity"/>: sales reports may be longer than other files.</summary>
    public ImportLimits For(string entity) => entity == ImportEntities.SellThrough ? this with { MaxRows = MaxReportRows } : this;
}

/// <summary>
/// Reads an uploaded CSV (UTF-8, UTF-16 or GB18030; comma, semicolon or tab; quoted fields) or .xlsx as a header row and
/// data rows, streaming, within <see cref="ImportLimits"/>. Row numbers are as a spreadsheet shows them: the header is 1.
/// </summary>
public sealed class TabularFile : IDisposable
{
    private readonly IEnumerator<string[]> rows;
    private readonly IDisposable? owner;
    private readonly int maxRows;

    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private TabularFile(IReadOnlyList<string> headers, IEnumerator<string[]> rows, IDisposable? owner, int maxRows)
    {
        this.maxRows = maxRows;
        Headers = headers;
        this.rows = rows;
        this.owner = owner;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>The data rows in order with their row numbers; throws <see cref="ImportFileException"/> where the file breaks.</summary>
    public IEnumerable<(int RowNo, string[] Values)> Rows()
    {
        var rowNo = 1;
        while (true)
        {
            try
            {
                if (!rows.MoveNext()) yield break;
            }
            catch (ImportFileException) { throw; }
            catch (CsvRecordTooLargeException)
            {
                throw new ImportFileException(FieldErrors.Text("Row {0} is too long to be a row of a table; the rows before it were read.", rowNo + 1));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever the CSV or xlsx reader throws on a broken file (they differ in what they throw), it is the file's.
                throw new ImportFileException(FieldErrors.Text("The file breaks off or is damaged at row {0}; the rows before it were read.", rowNo + 1));
            }
            rowNo++;
            if (rowNo - 1 > maxRows)
                throw new ImportFileException(FieldErrors.Text("The file has more than {0} rows; split it. The rows before were read.", maxRows));
            yield return (rowNo, rows.Current);
        }
    }

    public void Dispose()
    {
        rows.Dispose();
        owner?.Dispose();
    }

    /// <summary>Opens a stored upload (a seekable file on disk) in its detected format.</summary>
    public static TabularFile Open(string path, ImportFormat format, string? encoding, char? delimiter, ImportLimits limits) =>
        format == ImportFormat.Xlsx ? OpenXlsx(path, limits) : OpenCsv(File.OpenRead(path), encoding ?? "utf-8", delimiter ?? ',', limits);

    /// <summary>The format from the first bytes: a zip (PK\3\4) is an .xlsx, anything else is read as CSV.</summary>
    public static ImportFormat SniffFormat(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? ImportFormat.Xlsx : ImportFormat.Csv;

    /// <summary>The encoding from a byte-order mark, else UTF-8 when every byte of the file is valid UTF-8, else GB18030.</summary>
    public static string DetectEncoding(ReadOnlySpan<byte> head, bool validUtf8)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return "utf-8";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return "utf-16";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return "utf-16BE";
        return validUtf8 ? "utf-8" : "gb18030";
    }

    /// <summary>The delimiter of the header line: whichever of comma, semicolon and tab occurs most outside quotes.</summary>
    public static char DetectDelimiter(string firstChars)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in firstChars)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        return tab > comma && tab >= semicolon ? '\t' : semicolon > comma ? ';' : ',';
    }

    public static Encoding EncodingOf(string name) => Encoding.GetEncoding(name);

    private static TabularFile OpenCsv(Stream stream, string encodingName, char delimiter, ImportLimits limits)
    {
        var reader = new StreamReader(stream, EncodingOf(encodingName), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions
            {
                HasHeaders = false, Delimiter = delimiter, BufferSize = 1 << 16, MaxBufferSize = limits.MaxRecordChars,
            });
            var records = CsvRecords(csv, limits).GetEnumerator();
            var header = ReadHeader(records, limits);
            return new TabularFile(header, records, reader, limits.MaxRows);
        }
        catch (CsvRecordTooLargeException)
        {
            reader.Dispose();
            throw new ImportFileException(FieldErrors.Text("The header row is too long to be a row of a table."));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static IEnumerable<string[]> CsvRecords(CsvDataReader csv, ImportLimits limits)
    {
        using (csv)
        {
            while (csv.Read())
            {
                var count = csv.RowFieldCount;
                if (count > limits.MaxColumns)
                    throw new ImportFileException(FieldErrors.Text("A row has {0} columns; at most {1} are read.", count, limits.MaxColumns));
                var values = new string[count];
                for (var i = 0; i < count; i++) values[i] = csv.GetString(i);
                yield return values;
            }
        }
    }

    private static string[] ReadHeader(IEnumerator<string[]> records, ImportLimits limits)
    {
        if (!records.MoveNext()) throw new ImportFileException(FieldErrors.Text("The file is empty."));
        var raw = records.Current;
        if (raw.Length > limits.MaxColumns)
            throw new ImportFileException(FieldErrors.Text("The header has {0} columns; at most {1} are read.", raw.Length, limits.MaxColumns));
        if (raw.All(string.IsNullOrWhiteSpace)) throw new ImportFileException(FieldErrors.Text("The first row must name the columns; it is empty."));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var name = raw[i].Trim().TrimStart('\uFEFF');
            if (name.Length > 200) name = name[..200];
            if (name.Length == 0) name = $"#{i + 1}";
            headers[i] = seen.TryGetValue(name, out var n) ? $"{name} ({n + 1})" : name;
            seen[name] = seen.GetValueOrDefault(name) + 1;
        }
        return headers;
    }

    private static TabularFile OpenXlsx(string path, ImportLimits limits)
    {
        CheckZip(path, limits);
        IEnumerator<string[]> records;
        try
        {
            records = XlsxRecords(path, limits).GetEnumerator();
            var header = ReadHeader(records, limits);
            return new TabularFile(header, records, null, limits.MaxRows);
        }
        catch (ImportFileException) { throw; }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ImportFileException(FieldErrors.Text("The file is not a readable .xlsx workbook."));
        }
    }

    /// <summary>
    /// Reads the zip's central directory before anything is unpacked: a workbook whose parts claim to unpack beyond the
    /// limit, or are compressed far beyond what real spreadsheets are (a zip bomb), is refused.
    /// </summary>
    private static void CheckZip(string path, ImportLimits limits)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            long total = 0;
            var workbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)) workbook = true;
                if (entry.Length > 1 << 20 && entry.Length > (long)limits.MaxXlsxCompressionRatio * Math.Max(1, entry.CompressedLength))
                    throw new ImportFileException(FieldErrors.Text("The workbook is compressed suspiciously far (a zip bomb?) and was not opened."));
            }
            if (total > limits.MaxXlsxUnpackedBytes)
                throw new ImportFileException(FieldErrors.Text("The workbook would unpack to more than {0} MB and was not opened.", limits.MaxXlsxUnpackedBytes >> 20));
            if (!workbook) throw new ImportFileException(FieldErrors.Text("The file is not a readable .xlsx workbook."));
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException(FieldErrors.Text("The file is not a readable .xlsx workbook."));
        }
    }

    private static IEnumerable<string[]> XlsxRecords(string path, ImportLimits limits)
    {
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            if (row.Count > limits.MaxColumns)
                throw new ImportFileException(FieldErrors.Text("A row has {0} columns; at most {1} are read.", row.Count, limits.MaxColumns));
            yield return row.Values.Select(Cell).ToArray();
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
