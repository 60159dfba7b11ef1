using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Features;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using UglyToad.PdfPig;

namespace Keqing.Tests.Quotes;

/// <summary>
/// The printed quote through the API on both providers (issue 15 point 3): the letterhead admins set and sellers read,
/// the PDF in readable Chinese with its font embedded, its table going on over pages, and 404 for a quote one may not see.
/// </summary>
public abstract class QuotePdfTests(KeqingApp app)
{
    /// <summary>A 1×1 PNG.</summary>
    public const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static object Letterhead(string? logo = null, string name = "杭州明远医疗器械有限公司") => new
    {
        companyNameZh = name, companyNameEn = "Hangzhou Mingyuan Medical Devices Co., Ltd.", address = "杭州市滨江区江南大道 1888 号",
        phone = "0571-8888 6666", taxId = "91330108MA2KXXXX1X", bankName = "招商银行杭州高新支行", bankAccount = "5719 0123 4567 890",
        logoPng = logo, footerTerms = "1. 交货期：合同签订后 30 天内。\n2. 付款方式：预付 30%，验收后付清。",
    };

    [Fact]
    public async Task Admins_set_the_letterhead_with_if_match_and_sellers_read_it_but_may_not_change_it()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var current = await (await rep.GetAsync("/api/quote-settings/letterhead")).Read<LetterheadDto>();
        await (await rep.PutWithVersion("/api/quote-settings/letterhead", current.Version, Letterhead())).ShouldBe(403);
        await (await admin.PutWithVersion("/api/quote-settings/letterhead", null, Letterhead())).ShouldBe(428);
        await (await admin.PutWithVersion("/api/quote-settings/letterhead", current.Version + 5, Letterhead())).ShouldBe(412);

        var saved = await admin.PutWithVersion("/api/quote-settings/letterhead", current.Version, Letterhead(TinyPng));
        await saved.ShouldBe(200);
        var letterhead = await saved.Read<LetterheadDto>();
        letterhead.Version.Should().BeGreaterThan(current.Version);
        letterhead.TaxId.Should().Be("91330108MA2KXXXX1X");
        letterhead.LogoPng.Should().Be(TinyPng);
        (await (await rep.GetAsync("/api/quote-settings/letterhead")).Read<LetterheadDto>()).Should().BeEquivalentTo(letterhead);
        await (await admin.PutWithVersion("/api/quote-settings/letterhead", current.Version, Letterhead())).ShouldBe(412);
    }

    [Fact]
    public async Task A_letterhead_with_a_control_character_an_oversized_or_false_logo_is_refused_field_by_field()
    {
        var admin = await app.AdminClient();
        var version = (await (await admin.GetAsync("/api/quote-settings/letterhead")).Read<LetterheadDto>()).Version;
        async Task<string> Refused(object body)
        {
            var response = await admin.PutWithVersion("/api/quote-settings/letterhead", version, body);
            await response.ShouldBe(400);
            return await response.Content.ReadAsStringAsync();
        }

        (await Refused(Letterhead(name: "明远\0医疗"))).Should().Contain("companyNameZh");
        (await Refused(Letterhead(name: " "))).Should().Contain("companyNameZh");
        var huge = Convert.ToBase64String(new byte[2 * 1024 * 1024]);
        (await Refused(Letterhead(logo: huge))).Should().Contain("logoPng").And.Contain("256");
        (await Refused(Letterhead(logo: Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg onload=alert(1)>"))))).Should().Contain("logoPng");
        (await Refused(Letterhead(logo: "not base64 at all!"))).Should().Contain("logoPng");
        var truncated = Convert.ToBase64String(Convert.FromBase64String(TinyPng)[..20]);
        (await Refused(Letterhead(logo: truncated))).Should().Contain("logoPng");
        (await Refused(new { companyNameZh = new string('名', 201), taxId = new string('9', 31) })).Should().Contain("companyNameZh").And.Contain("taxId");
    }

    [Fact]
    public async Task The_pdf_is_readable_chinese_in_an_embedded_font_with_the_table_going_on_over_pages()
    {
        var admin = await app.AdminClient();
        var version = (await (await admin.GetAsync("/api/quote-settings/letterhead")).Read<LetterheadDto>()).Version;
        await (await admin.PutWithVersion("/api/quote-settings/letterhead", version, Letterhead(TinyPng))).ShouldBe(200);
        var team = await admin.CreateTeam();
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep = await app.ClientFor(repUser.Email);
        var customer = await rep.NewCustomer("宁波康华医院有限公司");
        var quote = await QuoteRows.Add(app, customer.Id, repUser.Id, team.Id, lines: 45, notes: "含安装调试及一年保修。");

        var response = await rep.GetAsync($"/api/quotes/{quote.Id}/pdf");
        await response.ShouldBe(200);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.Should().Be(2, "45 lines do not fit on one A4 page");
        var pages = pdf.GetPages().Select(p => Squeeze(p.Text)).ToList();
        var first = pages[0];
        first.Should().Contain("杭州明远医疗器械有限公司").And.Contain("报价单").And.Contain(Squeeze($"{quote.Number} v2"))
            .And.Contain("宁波康华医院有限公司").And.Contain("2026-12-31").And.Contain("税号：91330108MA2KXXXX1X").And.Contain("招商银行杭州高新支行")
            .And.Contain("全自动五分类血液细胞分析仪").And.Contain("第1页/共2页");
        pages[1].Should().Contain("产品名称", "the table's header is repeated on the next page").And.Contain("试剂盒45号")
            .And.Contain("价税合计").And.Contain("128,000.00").And.Contain("人民币壹拾贰万捌仟元整")
            .And.Contain("含安装调试及一年保修。").And.Contain("交货期：合同签订后30天内。").And.Contain("第2页/共2页");
        first.Should().NotContain("试剂盒45号");

        // Every glyph is drawn in the embedded TrueType font (a subset: FontFile2 in a Type0/CIDFontType2 font).
        pdf.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .Select(l => l.FontName).Distinct().Should().OnlyContain(f => f.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase));
        var raw = Encoding.Latin1.GetString(bytes);
        raw.Should().Contain("/FontFile2").And.Contain("/CIDFontType2").And.Contain("/ToUnicode");
        bytes.Length.Should().BeLessThan(400_000, "only the glyphs used are embedded, not the 4.6 MB font");
    }

    [Fact]
    public async Task The_pdf_of_a_quote_one_may_not_see_is_404_and_a_manager_gets_their_teams()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var east = await admin.CreateTeam(managerId: managerUser.Id);
        var west = await admin.CreateTeam();
        var eastUser = await admin.CreateUser(Roles.SalesRep, east.Id);
        var eastRep = await app.ClientFor(eastUser.Email);
        var westRep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, west.Id)).Email);
        var quote = await QuoteRows.Add(app, (await eastRep.NewCustomer()).Id, eastUser.Id, east.Id);

        await (await eastRep.GetAsync($"/api/quotes/{quote.Id}/pdf")).ShouldBe(200);
        await (await (await app.ClientFor(managerUser.Email)).GetAsync($"/api/quotes/{quote.Id}/pdf")).ShouldBe(200);
        await (await admin.GetAsync($"/api/quotes/{quote.Id}/pdf")).ShouldBe(200);
        await (await westRep.GetAsync($"/api/quotes/{quote.Id}/pdf")).ShouldBe(404);
        await (await eastRep.GetAsync($"/api/quotes/{Guid.NewGuid()}/pdf")).ShouldBe(404);
        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst)).Email);
        await (await analyst.GetAsync($"/api/quotes/{quote.Id}/pdf")).ShouldBe(403);
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

public sealed class QuotePdfTestsOnSqlite(SqliteApp app) : QuotePdfTests(app), IClassFixture<SqliteApp>;
public sealed class QuotePdfTestsOnPostgres(PostgresApp app) : QuotePdfTests(app), IClassFixture<PostgresApp>;
