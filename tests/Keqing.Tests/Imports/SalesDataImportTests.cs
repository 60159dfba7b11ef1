using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Products;
using Keqing.Tests.SellThrough;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Imports;

/// <summary>
/// Imports of data that is not about people — distributors' monthly reports (进销存) and the product catalogue — on both
/// providers: no source or legal basis asked for or recorded; rows that do not add up stored, counted as flagged and
/// listed with their sum in the errors file; the preview giving the errors the import will give (unknown distributor,
/// SKU, category); distributors found by customer code, credit code and by name whatever its case, width and spaces.
/// </summary>
public abstract class SalesDataImportTests(KeqingApp app)
{
    private static async Task<HttpResponseMessage> Upload(HttpClient client, string entity, string csv, bool dryRun = false,
        string? source = null, string? legalBasis = null)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", entity + ".csv");
        form.Add(new StringContent(entity), "entity");
        if (source is not null) form.Add(new StringContent(source), "source");
        if (legalBasis is not null) form.Add(new StringContent(legalBasis), "legalBasis");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return await client.PostAsync("/api/imports", form);
    }

    private static async Task<ImportDto> Imported(HttpClient client, string entity, string csv, string? source = null, string? legalBasis = null)
    {
        var response = await Upload(client, entity, csv, source: source, legalBasis: legalBasis);
        await response.ShouldBe(202);
        return await ImportApiTests.WaitDone(client, (await response.Read<ImportCreated>()).Id);
    }

    private static async Task<string[]> ErrorLines(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/imports/{id}/errors")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

    private const string Header = "经销商,产品编码,月份,期初库存,进货,销售,期末库存\n";

    private async Task<HttpClient> Manager()
    {
        var admin = await app.AdminClient();
        return await app.ClientFor((await admin.CreateUser(Roles.SalesManager, (await admin.CreateTeam()).Id)).Email);
    }

    [Fact]
    public async Task Rows_that_do_not_add_up_are_stored_counted_as_flagged_and_listed_with_their_sum_in_the_errors_file()
    {
        var manager = await Manager();
        var distributor = await manager.NewDistributor();
        var products = await app.NewProducts(3);
        var (d, s0, s1, s2) = (distributor.Name, products[0].Sku, products[1].Sku, products[2].Sku);
        var job = await Imported(manager, "sell-through", Header +
            $"{d},{s0},2026-10,100,50,30,120\n" +
            $"{d},{s1},2026-10,100,50,30,119\n" +
            $"{d},NO-SUCH-SKU,2026-10,1,1,1,1\n" +
            $"{d},{s2},2026-10,7,0,0,9\n");
        (job.Status, job.Inserted, job.Failed, job.Flagged).Should().Be((ImportStatus.Completed, 3, 1, 2));
        job.ErrorsUrl.Should().NotBeNull();
        (await manager.Rows($"customerId={distributor.Id}")).Items.Should().HaveCount(3).And.Contain(r => r.ProductId == products[1].Id && !r.Balanced);

        var lines = await ErrorLines(manager, job.Id);
        lines.Should().HaveCount(3, "the rejected row and the two flagged ones, in row order");
        lines[0].Should().Contain(s1).And.Contain("120").And.Contain("119");
        lines[1].Should().Contain("NO-SUCH-SKU");
        lines[2].Should().Contain(s2).And.Contain("7").And.Contain("9");
        lines.Should().NotContain(l => l.Contains(s0, StringComparison.Ordinal));

        // Sent again, the same rows replace themselves: flagged again, counted again on this job only.
        var again = await Imported(manager, "sell-through", Header + $"{d},{s1},2026-10,100,50,30,119\n");
        (again.Merged, again.Flagged, again.Failed).Should().Be((1, 1, 0));
    }

    [Fact]
    public async Task Products_and_sales_reports_need_no_source_or_legal_basis_and_record_none_while_customers_and_leads_still_do()
    {
        var admin = await app.AdminClient();
        var manager = await Manager();
        var distributor = await manager.NewDistributor();
        var products = await app.NewProducts(1);

        var report = await Imported(manager, "sell-through", Header + $"{distributor.Name},{products[0].Sku},2026-09,1,1,1,1\n");
        (report.Status, report.Inserted, report.Flagged, report.PersonalData, report.Source).Should().Be((ImportStatus.Completed, 1, 0, false, ""));
        report.ErrorsUrl.Should().BeNull("nothing was rejected or flagged");

        var sku = ApiHelpers.Unique("NP");
        var catalogue = await Imported(admin, "products", $"产品编码,名称,单位,标准价\n{sku},试剂,盒,10\n", source: "产品目录 2026", legalBasis: "consent");
        (catalogue.Status, catalogue.Inserted, catalogue.PersonalData, catalogue.Source).Should().Be((ImportStatus.Completed, 1, false, "产品目录 2026"));

        // A draft of a report starts without them as well.
        var draft = await Upload(manager, "sell-through", Header + $"{distributor.Name},{products[0].Sku},2026-08,1,1,1,1\n", dryRun: true);
        await draft.ShouldBe(202);
        var draftId = (await draft.Read<ImportCreated>()).Id;
        await (await manager.PostAsJsonAsync($"/api/imports/{draftId}/start", new { }, ApiHelpers.Json)).ShouldBe(202);
        (await ImportApiTests.WaitDone(manager, draftId)).Inserted.Should().Be(1);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var jobs = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<ImportJob>().AsNoTracking()
                .Where(j => j.Id == report.Id || j.Id == catalogue.Id || j.Id == draftId).ToListAsync();
            jobs.Should().HaveCount(3).And.OnlyContain(j => j.LegalBasis == null, "a legal basis sent with a product list is not recorded");
        }

        var customers = await Upload(manager, "customers", "名称\n某公司\n", source: "展会");
        await customers.ShouldBe(400);
        (await customers.Content.ReadAsStringAsync()).Should().Contain("legalBasis");
        var leads = await Upload(manager, "leads", "姓名\n张伟\n", legalBasis: "consent");
        await leads.ShouldBe(400);
        (await leads.Content.ReadAsStringAsync()).Should().Contain("source");
        var customer = await ImportApiTests.WaitDone(manager, (await (await Upload(manager, "customers", $"名称\n{ApiHelpers.Unique("某公司")}\n",
            source: "展会", legalBasis: "consent")).Read<ImportCreated>()).Id);
        (customer.Inserted, customer.PersonalData, customer.LegalBasis).Should().Be((1, true, LegalBasis.Consent));
    }

    [Fact]
    public async Task The_preview_of_a_report_gives_each_row_the_errors_the_import_gives_it()
    {
        var manager = await Manager();
        var admin = await app.AdminClient();
        var distributor = await manager.NewDistributor();
        var twinName = ApiHelpers.Unique("同名") + "医药有限公司";
        var (twinA, twinB) = (await manager.NewDistributor(twinName), await manager.NewDistributor(twinName));
        var notVisible = await admin.NewDistributor();
        var products = await app.NewProducts(2);
        var (d, s0, s1) = (distributor.Name, products[0].Sku, products[1].Sku);
        var csv = Header +
                  $"{d},{s0},2026-10,100,50,30,120\n" +
                  $"{d},NO-SUCH-SKU,2026-10,1,1,1,1\n" +
                  $"没有这家公司,{s0},2026-10,1,1,1,1\n" +
                  $"{twinName},{s1},2026-10,1,1,1,1\n" +
                  $"{d},{s1},2026-13,1,1,1,1\n" +
                  $"{d},{s1},2099-01,1,1,1,1\n" +
                  $"{notVisible.Name},{s1},2026-10,1,1,1,1\n" +
                  $"{d},{s1},2026-10,0,5,1,3\n";
        var upload = await Upload(manager, "sell-through", csv, dryRun: true);
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;
        var previewed = await manager.GetAsync($"/api/imports/{id}/preview");
        await previewed.ShouldBe(200);
        var preview = await previewed.Read<ImportPreview>();
        preview.InvalidRows.Should().Be(6);
        var errorsByRow = preview.Rows.ToDictionary(r => r.RowNo, r => r.Errors);
        errorsByRow.Where(r => r.Value.Count > 0).Select(r => r.Key).Should().BeEquivalentTo([3, 4, 5, 6, 7, 8]);
        errorsByRow[3].Should().ContainSingle().Which.Should().Contain("NO-SUCH-SKU");
        errorsByRow[4].Should().ContainSingle().Which.Should().Contain("没有这家公司");
        errorsByRow[5].Should().ContainSingle().Which.Should().Contain(twinA.Id.ToString()).And.Contain(twinB.Id.ToString());
        errorsByRow[8].Should().ContainSingle().Which.Should().Contain(notVisible.Name);

        await (await manager.PostAsJsonAsync($"/api/imports/{id}/start", new { }, ApiHelpers.Json)).ShouldBe(202);
        var job = await ImportApiTests.WaitDone(manager, id);
        (job.Inserted, job.Failed, job.Flagged).Should().Be((2, 6, 1));
        var lines = await ErrorLines(manager, id);
        foreach (var row in preview.Rows.Where(r => r.Errors.Count > 0))
            lines.Should().Contain(l => l.Contains(row.Errors[0].Replace("\"", "\"\"", StringComparison.Ordinal), StringComparison.Ordinal),
                $"row {row.RowNo} is rejected for what the preview said");
    }

    [Fact]
    public async Task The_preview_of_a_product_file_names_an_unknown_category_as_the_import_does()
    {
        var admin = await app.AdminClient();
        var category = await admin.NewCategory(ApiHelpers.Unique("试剂"));
        var (a, b) = (ApiHelpers.Unique("PV-A"), ApiHelpers.Unique("PV-B"));
        var upload = await Upload(admin, "products", $"产品编码,名称,分类,单位,标准价\n{a},试剂,{category.Name},盒,10\n{b},试剂,没有这个分类,盒,10\n", dryRun: true);
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;
        var preview = await (await admin.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        preview.InvalidRows.Should().Be(1);
        preview.Rows.Single(r => r.RowNo == 2).Errors.Should().BeEmpty();
        preview.Rows.Single(r => r.RowNo == 3).Errors.Should().ContainSingle().Which.Should().Contain("没有这个分类");
        await (await admin.PostAsJsonAsync($"/api/imports/{id}/start", new { }, ApiHelpers.Json)).ShouldBe(202);
        (await ImportApiTests.WaitDone(admin, id)).Should().Match<ImportDto>(j => j.Inserted == 1 && j.Failed == 1);
    }

    [Fact]
    public async Task A_distributor_is_found_by_customer_code_credit_code_or_its_name_in_any_case_width_and_spacing_and_an_ambiguous_name_is_refused()
    {
        var manager = await Manager();
        var products = await app.NewProducts(1);
        var sku = products[0].Sku;
        var code = ApiHelpers.Unique("ERP");
        var byCode = await CustomerApiTests.Create(manager, new { kind = "organization", name = ApiHelpers.Unique("编码") + "医药有限公司", externalId = code }, duplicatesConfirmed: true);
        var creditCode = NewCreditCode();
        var byCreditCode = await CustomerApiTests.Create(manager, new { kind = "organization", name = ApiHelpers.Unique("信用") + "医药有限公司", creditCode }, duplicatesConfirmed: true);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var chinese = await manager.NewDistributor($"明远{tag}贸易（上海）有限公司");
        var latin = await manager.NewDistributor($"Acme {tag} Trading");
        var twinName = $"同名{tag}医药有限公司";
        var (twinA, twinB) = (await manager.NewDistributor(twinName), await manager.NewDistributor(twinName));

        var job = await Imported(manager, "sell-through", Header +
            $"{code},{sku},2026-10,1,1,1,1\n" +
            $"{creditCode.ToLowerInvariant()},{sku},2026-10,1,1,1,1\n" +
            $"\"  明远{tag.ToUpperInvariant()}贸易(上海)有限公司 \",{sku},2026-10,1,1,1,1\n" +
            $"{FullWidth($"ACME {tag} trading")},{sku},2026-10,1,1,1,1\n" +
            $"{twinName},{sku},2026-10,1,1,1,1\n");
        (job.Inserted, job.Failed).Should().Be((4, 1));
        foreach (var found in new[] { byCode, byCreditCode, chinese, latin })
            (await manager.Rows($"customerId={found.Id}")).Items.Should().ContainSingle();
        var refused = (await ErrorLines(manager, job.Id)).Should().ContainSingle().Subject;
        refused.Should().Contain(twinA.Id.ToString()).And.Contain(twinB.Id.ToString());
    }

    /// <summary>A valid unified social credit code, new each time.</summary>
    internal static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var first = "91" + string.Concat(Enumerable.Range(0, 15).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
        return first + CreditCode.CheckCharacter(first);
    }

    /// <summary>ASCII letters, digits and spaces in their full-width forms (Ａ, １, the ideographic space).</summary>
    internal static string FullWidth(string s) => string.Concat(s.Select(c => c == ' ' ? '\u3000' : c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c));
}

public sealed class SalesDataImportTestsOnSqlite(SqliteApp app) : SalesDataImportTests(app), IClassFixture<SqliteApp>;
public sealed class SalesDataImportTestsOnPostgres(PostgresApp app) : SalesDataImportTests(app), IClassFixture<PostgresApp>;
