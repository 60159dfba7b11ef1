using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Imports;

namespace Keqing.Tests.SellThrough;

/// <summary>
/// A distributors' monthly file through the import pipeline (<c>entity=sell-through</c>) on both providers: Chinese
/// headers map by themselves, a later row of a key replaces the earlier, bad cells, unknown SKUs and distributors one may
/// not see are rejected with the reason in the rejected-rows file, and the rows that add up or not are stored alike.
/// </summary>
public abstract class SellThroughImportTests(KeqingApp app)
{
    private static async Task<HttpResponseMessage> Upload(HttpClient client, string csv)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "进销存.csv");
        form.Add(new StringContent("sell-through"), "entity");
        form.Add(new StringContent("经销商月报 2026-10"), "source");
        form.Add(new StringContent("contract"), "legalBasis");
        form.Add(new StringContent("false"), "dryRun");
        return await client.PostAsync("/api/imports", form);
    }

    [Fact]
    public async Task A_monthly_file_is_stored_and_bad_rows_are_rejected_with_the_reason()
    {
        var admin = await app.AdminClient();
        var manager = await app.ClientFor((await admin.CreateUser(Roles.SalesManager, (await admin.CreateTeam()).Id)).Email);
        var distributor = await manager.NewDistributor();
        var notVisible = await admin.NewDistributor();
        var products = await app.NewProducts(2);
        var (d, s0, s1) = (distributor.Name, products[0].Sku, products[1].Sku);
        var csv = "经销商,产品编码,月份,期初库存,进货,销售,期末库存\n" +
                  $"{d},{s0},2026-10,100,50,30,120\n" +
                  $"{d},{s1},2026/10,0,\"1,000\",400,600\n" +
                  $"{d},{s0},2026年10月,100,50,30,119\n" +
                  $"{d},NO-SUCH-SKU,2026-10,1,1,1,1\n" +
                  $"没有这家公司,{s0},2026-10,1,1,1,1\n" +
                  $"{d},{s1},2026-13,1,1,1,1\n" +
                  $"{d},{s1},2026-09,-5,1,1,1\n" +
                  $"{notVisible.Name},{s1},2026-10,1,1,1,1\n";
        var upload = await Upload(manager, csv);
        await upload.ShouldBe(202);
        var job = await ImportApiTests.WaitDone(manager, (await upload.Read<ImportCreated>()).Id);
        (job.Status, job.Inserted, job.Merged, job.Failed).Should().Be((ImportStatus.Completed, 2, 1, 5));

        var rows = await manager.Rows($"customerId={distributor.Id}");
        rows.Items.Should().HaveCount(2);
        rows.Items.Single(r => r.ProductId == products[0].Id).Should().Match<Keqing.Modules.SellThrough.Contracts.SellThroughRowDto>(
            r => r.Closing == 119 && !r.Balanced && r.Source == Keqing.Modules.SellThrough.Contracts.SellThroughSource.Import);
        rows.Items.Single(r => r.ProductId == products[1].Id).Should().Match<Keqing.Modules.SellThrough.Contracts.SellThroughRowDto>(r => r.Purchases == 1000 && r.Balanced);
        (await admin.Rows($"customerId={notVisible.Id}")).Items.Should().BeEmpty();

        var errors = await (await manager.GetAsync($"/api/imports/{job.Id}/errors")).Content.ReadAsStringAsync();
        errors.Should().Contain("NO-SUCH-SKU").And.Contain("没有这家公司").And.Contain("2026-13").And.Contain("-5").And.Contain(notVisible.Name);
        errors.Should().NotContain("2026/10");
    }

    [Fact]
    public async Task Only_those_who_enter_sales_reports_import_them()
    {
        var admin = await app.AdminClient();
        var marketer = await app.ClientFor((await admin.CreateUser(Roles.Marketer)).Email);
        await (await Upload(marketer, "经销商,产品编码,月份,期初库存,进货,销售,期末库存\n某公司,X,2026-10,1,1,1,1\n")).ShouldBe(403);
        var fields = await (await admin.GetAsync("/api/imports/fields?entity=sell-through")).Read<List<ImportFieldDto>>();
        fields.Select(f => f.Field).Should().Equal("distributor", "sku", "month", "opening", "purchases", "sales", "closing");
    }
}

public sealed class SellThroughImportTestsOnSqlite(SqliteApp app) : SellThroughImportTests(app), IClassFixture<SqliteApp>;
public sealed class SellThroughImportTestsOnPostgres(PostgresApp app) : SellThroughImportTests(app), IClassFixture<PostgresApp>;
