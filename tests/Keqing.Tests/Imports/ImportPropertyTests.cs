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
        var parser = new RowParser(headers, ImportFields.AutoMap(headers), new OwnerRules([], null));
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
        var mapping = ImportFields.AutoMap(["公司名称", "联系人", "手机", "E-mail", " 省份 ", "城市", "行业", "标签", "Credit Code", "备注", "电话", "所在城市"]);
        mapping.Should().Equal(new Dictionary<string, string?>
        {
            // With a contact column, the mobile and the email are the contact's; the company keeps its phone.
            ["公司名称"] = "name", ["联系人"] = "contactName", ["手机"] = "contactPhone", ["E-mail"] = "contactEmail", [" 省份 "] = "province",
            ["城市"] = "city", ["行业"] = "industry", ["标签"] = "tags", ["Credit Code"] = "creditCode", ["备注"] = null,
            ["电话"] = "phones",
            ["所在城市"] = null, // city is a single value: the first city column has it
        });
        ImportFields.Merge(["单位", "电话"], new Dictionary<string, string?> { ["单位"] = "name", ["电话"] = null })
            .Should().Equal(new Dictionary<string, string?> { ["单位"] = "name", ["电话"] = null });
    }

    [Fact]
    public void A_business_card_file_gives_mobile_and_email_to_the_contact_and_switchboard_numbers_to_the_company()
    {
        ImportFields.AutoMap(["公司名称", "联系人", "职位", "手机", "邮箱", "公司电话", "座机", "总机"]).Should().Equal(new Dictionary<string, string?>
        {
            ["公司名称"] = "name", ["联系人"] = "contactName", ["职位"] = "contactTitle", ["手机"] = "contactPhone", ["邮箱"] = "contactEmail",
            ["公司电话"] = "phones", ["座机"] = "phones", ["总机"] = "phones",
        });
        // Without a contact column, every number and address is the customer's.
        ImportFields.AutoMap(["客户名称", "手机", "电话", "邮箱"]).Should().Equal(new Dictionary<string, string?>
        {
            ["客户名称"] = "name", ["手机"] = "phones", ["电话"] = "phones", ["邮箱"] = "emails",
        });
        // A second mobile column, the contact's being taken, stays with the company rather than being dropped.
        ImportFields.AutoMap(["公司名称", "联系人", "联系人手机", "手机"])["手机"].Should().Be("phones");
        ImportFields.TargetOf("contactPhone").Should().Be(ImportFields.ContactTarget);
        ImportFields.TargetOf("phones").Should().Be(ImportFields.CustomerTarget);
        ImportFields.TargetOf(null).Should().BeNull();
    }

    /// <summary>A sample header row of each CRM's customer export, and the field each column gets (null: not imported).</summary>
    private static readonly Dictionary<string, (string Header, string? Field)[]> OtherCrmExports = new()
    {
        ["Salesforce"] = [("Account Owner", "owner"), ("Account Name", "name"), ("Type", null), ("Rating", null), ("Phone", "phones"),
            ("Website", "website"), ("Industry", "industry"), ("Billing Street", "address"), ("Billing City", "city"),
            ("Billing State/Province", "province"), ("Billing Zip/Postal Code", null), ("Billing Country", null), ("Account Number", "externalId"),
            ("Shipping City", null)],
        ["Salesforce Data Loader"] = [("Id", null), ("Name", "name"), ("BillingCity", "city"), ("BillingState", "province"), ("OwnerId", null)],
        ["HubSpot"] = [("Record ID", "externalId"), ("Company name", "name"), ("Company Domain Name", "website"), ("Phone Number", "phones"),
            ("City", "city"), ("State/Region", "province"), ("Country/Region", null), ("Street Address", "address"), ("Industry", "industry"),
            ("Company owner", "owner"), ("Create Date", null), ("Lifecycle Stage", null)],
        ["Dynamics 365"] = [("(Do Not Modify) Account", "externalId"), ("(Do Not Modify) Row Checksum", null), ("(Do Not Modify) Modified On", null),
            ("Account Name", "name"), ("Main Phone", "phones"), ("Address 1: Street 1", "address"), ("Address 1: City", "city"),
            ("Address 1: State/Province", "province"), ("Email", "emails"), ("Owner", "owner")],
        ["Zoho CRM"] = [("Record Id", "externalId"), ("Account Owner", "owner"), ("Account Name", "name"), ("Phone", "phones"), ("Website", "website"),
            ("Account Type", null), ("Industry", "industry"), ("Billing Street", "address"), ("Billing City", "city"), ("Billing State", "province"),
            ("Billing Code", null), ("Rating", null), ("Description", null)],
        ["悟空CRM"] = [("客户名称", "name"), ("客户来源", null), ("手机", "phones"), ("电话", "phones"), ("网址", "website"), ("客户行业", "industry"),
            ("客户级别", "grade"), ("下次联系时间", null), ("备注", null), ("邮箱", "emails"), ("成交状态", null), ("详细地址", "address"),
            ("地区定位", null), ("负责人", "owner"), ("创建时间", null)],
        ["纷享销客"] = [("客户名称", "name"), ("客户编号", "externalId"), ("客户级别", "grade"), ("负责人", "owner"), ("所属部门", null), ("电话", "phones"),
            ("网址", "website"), ("邮件", "emails"), ("国家", null), ("省", "province"), ("市", "city"), ("区", null), ("详细地址", "address")],
        ["销售易"] = [("客户名称", "name"), ("客户所有人", "owner"), ("客户级别", "grade"), ("电话", "phones"), ("网址", "website"), ("行业", "industry"),
            ("省份", "province"), ("城市", "city"), ("区县", null), ("地址", "address")],
        ["企业微信"] = [("客户名称", "name"), ("添加人", "owner"), ("添加时间", null), ("企业标签", "tags"), ("手机号", "phones"), ("描述", null)],
    };

    [Theory]
    [InlineData("Salesforce"), InlineData("Salesforce Data Loader"), InlineData("HubSpot"), InlineData("Dynamics 365"), InlineData("Zoho CRM"),
     InlineData("悟空CRM"), InlineData("纷享销客"), InlineData("销售易"), InlineData("企业微信")]
    public void Another_crms_export_headers_map_to_their_fields_and_the_rest_is_named_as_not_imported(string crm)
    {
        var columns = OtherCrmExports[crm];
        var mapping = ImportFields.AutoMap(columns.Select(c => c.Header).ToList());
        foreach (var (header, field) in columns) mapping[header].Should().Be(field, $"{crm}'s column '{header}'");
    }

    [Fact]
    public void Grades_and_kinds_are_read_as_other_crms_write_them()
    {
        string[] headers = ["客户名称", "客户级别", "客户类型"];
        var parser = new RowParser(headers, ImportFields.AutoMap(headers), new OwnerRules([], null));
        parser.Parse(2, ["甲", "A（重点客户）", "企业客户"]).Row!.Grade.Should().Be(CustomerGrade.A);
        parser.Parse(3, ["乙", "c类", "个人客户"]).Row!.Kind.Should().Be(CustomerKind.Person);
        parser.Parse(4, ["丙", "Hot", ""]).Errors.Should().ContainSingle(e => e.StartsWith("grade"));
        parser.Parse(5, ["丁", "Active", ""]).Errors.Should().ContainSingle(e => e.StartsWith("grade"));
    }
}
