using System.Text;
using CsCheck;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Features;

namespace Keqing.Tests.Imports;

/// <summary>Properties of the import's CSV reading (any table written in any supported way reads back the same) and normalisation.</summary>
public sealed class ImportPropertyTests
{
    static ImportPropertyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Gen<string> Cell = Gen.String[Gen.Frequency(
        (6, Gen.Char["abcxyz 0123456789中文公司名称张伟"]),
        (3, Gen.Char[",;\t\"'\r\n=+-@"]),
        (1, Gen.Char['\u4E00', '\u9FFF']),
        (1, Gen.Char["éß€ＡＺ→"])), 0, 12];

    // Header names never start or end with blanks (they are trimmed) and hold no delimiter candidates (they decide the delimiter).
    private static readonly Gen<string> Header = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz名称电话城市"], 1, 8].Select(h => "列" + h);

    [Fact]
    public void Any_table_written_as_csv_in_any_encoding_delimiter_and_line_ending_reads_back_the_same()
    {
        var tables = Gen.Int[2, 6].SelectMany(columns => Gen.Select(
            Header.Array[columns].Where(h => h.Distinct().Count() == h.Length),
            Cell.Array[columns].Array[0, 8]));
        Gen.Select(tables, Gen.Char[",;\t"], Gen.Int[0, 3], Gen.Bool).Sample((table, delimiter, encoding, crlf) =>
        {
            var (headers, rows) = table;
            var newline = crlf ? "\r\n" : "\n";
            var text = string.Join(newline, new[] { headers }.Concat(rows).Select(r => Keqing.Infrastructure.Http.SpreadsheetCells.CsvLine(r, delimiter, neutralise: false))) + newline;
            byte[] bytes = encoding switch
            {
                0 => Encoding.UTF8.GetBytes(text),
                1 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
                2 => Encoding.GetEncoding("GB18030").GetBytes(text),
                _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            };
            var (readHeaders, readRows, detected) = ReadBack(bytes);
            detected.Delimiter.Should().Be(delimiter);
            readHeaders.Should().Equal(headers);
            readRows.Should().HaveCount(rows.Length);
            for (var i = 0; i < rows.Length; i++) readRows[i].Should().Equal(rows[i], $"row {i + 2} of\n{text}");
        }, iter: 300);
    }

    private static (IReadOnlyList<string> Headers, List<string[]> Rows, (string Encoding, char Delimiter)) ReadBack(byte[] bytes)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var head = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024));
            var validUtf8 = System.Text.Unicode.Utf8.IsValid(bytes);
            TabularFile.SniffFormat(head).Should().Be(ImportFormat.Csv);
            var encoding = TabularFile.DetectEncoding(head, validUtf8);
            var delimiter = TabularFile.DetectDelimiter(TabularFile.EncodingOf(encoding).GetString(head).TrimStart('\uFEFF'));
            using var table = TabularFile.Open(path, ImportFormat.Csv, encoding, delimiter, new ImportLimits());
            return (table.Headers, table.Rows().Select(r => r.Values).ToList(), (encoding, delimiter));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Phone_and_email_normalisation_is_idempotent_and_ignores_formatting()
    {
        var phone = Gen.String[Gen.Char["0123456789０１２+-() .86"], 0, 24];
        phone.Sample(p =>
        {
            var once = ContactPointRules.NormalizePhone(p);
            ContactPointRules.NormalizePhone(once).Should().Be(once);
            if (once is not null) once.Should().MatchRegex("^[0-9]+$");
        }, iter: 2000);
        Gen.Int[0, 99_999_999].Sample(n =>
        {
            var mobile = $"138{n:D8}";
            ContactPointRules.NormalizePhone($"+86 138-{n:D8}".Insert(9, " ")).Should().Be(mobile);
            ContactPointRules.NormalizePhone($"0086{mobile}").Should().Be(mobile);
        });
        Gen.String.Sample(e =>
        {
            var once = ContactPointRules.NormalizeEmail(e);
            ContactPointRules.NormalizeEmail(once).Should().Be(once);
        }, iter: 1000);
    }

    [Fact]
    public void Parsing_any_cells_gives_a_row_or_reasons_never_an_exception()
    {
        string[] headers = ["公司名称", "手机", "邮箱", "统一社会信用代码", "等级", "类型", "联系人", "联系人电话", "负责人", "标签"];
        var parser = new RowParser(headers, ImportFields.AutoMap(headers), new Dictionary<string, AssignableOwner>());
        Cell.Array[0, 12].Sample(cells =>
        {
            var parsed = parser.Parse(2, cells);
            (parsed.Row is null).Should().Be(parsed.Errors.Count > 0);
            if (parsed.Row is { } row)
            {
                row.Name.Should().NotBeNullOrWhiteSpace();
                row.Phones.Should().OnlyContain(p => ContactPointRules.IsValidPhone(p));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Chinese_and_english_headers_map_to_their_fields()
    {
        var mapping = ImportFields.AutoMap(["公司名称", "联系人", "手机", "E-mail", " 省份 ", "城市", "行业", "标签", "Credit Code", "备注", "电话"]);
        mapping.Should().Equal(new Dictionary<string, string?>
        {
            ["公司名称"] = "name", ["联系人"] = "contactName", ["手机"] = "phones", ["E-mail"] = "emails", [" 省份 "] = "province",
            ["城市"] = "city", ["行业"] = "industry", ["标签"] = "tags", ["Credit Code"] = "creditCode", ["备注"] = null,
            ["电话"] = null, // phones is taken by the first phone column
        });
        ImportFields.Merge(["单位", "电话"], new Dictionary<string, string?> { ["单位"] = "name", ["电话"] = null })
            .Should().Equal(new Dictionary<string, string?> { ["单位"] = "name", ["电话"] = null });
    }
}
