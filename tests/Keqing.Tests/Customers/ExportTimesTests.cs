using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using MiniExcelLibs;

namespace Keqing.Tests.Customers;

/// <summary>
/// Times in a customer export are the exporting user's local time (issue 13, item 4): .xlsx writes real date cells
/// with a date format, CSV writes ISO 8601 with the offset; a user in another zone gets their own. On both providers.
/// </summary>
public abstract class ExportTimesTests(ClockedKeqingApp app)
{
    /// <summary>2026-12-03 16:49:14 in Beijing.</summary>
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 49, 14, TimeSpan.Zero);

    private async Task<HttpClient> Rep(Guid teamId, string? timeZone)
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, teamId)).Email);
        rep.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        if (timeZone is not null)
        {
            var put = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences") { Content = JsonContent.Create(new { culture = "en", timeZone }) };
            put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
            await (await rep.SendAsync(put)).ShouldBe(200);
        }
        return rep;
    }

    [Fact]
    public async Task Csv_has_the_local_time_with_its_offset_and_xlsx_a_date_cell_in_the_users_zone()
    {
        if (app.Clock.GetUtcNow() < At) app.Clock.SetUtcNow(At);
        var team = await (await app.AdminClient()).CreateTeam();
        var beijing = await Rep(team.Id, timeZone: null); // no preference: the company's zone, Asia/Shanghai
        var newYork = await Rep(team.Id, "America/New_York");
        var tag = ApiHelpers.Unique("时间");
        var created = await CustomerApiTests.Create(beijing, new { kind = "organization", name = tag + "有限公司", tags = new[] { tag } });
        created.CreatedAt.Should().Be(At.UtcDateTime, "the clock of the test host stands at the instant");
        await CustomerApiTests.Create(newYork, new { kind = "organization", name = tag + "纽约", tags = new[] { tag } });

        var query = $"/api/customers/export?tag={Uri.EscapeDataString(tag)}&columns=name,created,updated";
        var csv = await Csv(beijing, query + "&format=csv");
        csv[0].Should().Equal("Customer name", "Created", "Updated");
        csv[1][1].Should().Be("2026-12-03T16:49:14+08:00");
        csv[1][2].Should().Be("2026-12-03T16:49:14+08:00");
        (await Csv(newYork, query + "&format=csv"))[1][1].Should().Be("2026-12-03T03:49:14-05:00");

        var xlsx = await beijing.GetAsync(query + "&format=xlsx");
        await xlsx.ShouldBe(200);
        xlsx.Content.Headers.ContentDisposition!.FileName.Should().Contain("customers-20261203-1649");
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        using (var sheet = new MemoryStream(bytes))
        {
            var row = MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
            row["Created"].Should().Be(new DateTime(2026, 12, 3, 16, 49, 14), "a date cell reads back as a date, not as text");
        }
        var (value, format) = CellAndFormat(bytes, "B2");
        double.Parse(value, System.Globalization.CultureInfo.InvariantCulture).Should()
            .BeApproximately(new DateTime(2026, 12, 3, 16, 49, 14).ToOADate(), 1e-6, "Excel stores a date as its serial number");
        format.Should().Be("yyyy-MM-dd HH:mm");
    }

    private static async Task<List<string[]>> Csv(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldBe(200);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
    }

    /// <summary>A cell's stored value, and the number format of its style, read from the package's XML (not by MiniExcel).</summary>
    private static (string Value, string? Format) CellAndFormat(byte[] xlsx, string reference)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheet = XDocument.Load(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.Name.EndsWith(".xml", StringComparison.Ordinal)).Open());
        var cell = sheet.Descendants(ns + "c").Single(c => (string?)c.Attribute("r") == reference);
        ((string?)cell.Attribute("t") ?? "n").Should().Be("n", "a date cell is a number, not a string");
        var styles = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open());
        var xf = styles.Descendants(ns + "cellXfs").Single().Elements(ns + "xf").ElementAt((int?)cell.Attribute("s") ?? 0);
        var formatId = (int?)xf.Attribute("numFmtId") ?? 0;
        var format = styles.Descendants(ns + "numFmt").FirstOrDefault(f => (int?)f.Attribute("numFmtId") == formatId)?.Attribute("formatCode")?.Value;
        return (cell.Element(ns + "v")!.Value, format);
    }
}

public sealed class ExportTimesTestsOnSqlite(SqliteClockedApp app) : ExportTimesTests(app), IClassFixture<SqliteClockedApp>;
public sealed class ExportTimesTestsOnPostgres(PostgresClockedApp app) : ExportTimesTests(app), IClassFixture<PostgresClockedApp>;
