using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Imports;

namespace Keqing.Tests.Products;

/// <summary>
/// A product file through the import pipeline (<c>entity=products</c>) on both providers: Chinese headers map by
/// themselves, a SKU already in the catalogue (any case) is updated, the others created; an unknown category, bad
/// numbers and missing required cells reject the row with the reason in the rejected-rows file.
/// </summary>
public abstract class ProductImportTests(KeqingApp app)
{
    private static async Task<HttpResponseMessage> Upload(HttpClient client, string csv)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "产品目录.csv");
        form.Add(new StringContent("products"), "entity");
        form.Add(new StringContent("产品目录 2026"), "source");
        form.Add(new StringContent("contract"), "legalBasis");
        form.Add(new StringContent("false"), "dryRun");
        return await client.PostAsync("/api/imports", form);
    }

    private static async Task<ProductDto?> BySku(HttpClient client, string sku) =>
        (await (await client.GetAsync($"/api/products?q={Uri.EscapeDataString(sku)}")).Read<Keqing.Infrastructure.Http.Page<ProductDto>>())
            .Items.SingleOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_product_file_creates_and_updates_by_sku_and_rejects_bad_rows_with_the_reason()
    {
        var admin = await app.AdminClient();
        var category = await admin.NewCategory(ApiHelpers.Unique("超声"));
        var existing = await admin.NewProduct(listPrice: 100m);
        var (a, b, c) = (ApiHelpers.Unique("IMP-A"), ApiHelpers.Unique("IMP-B"), ApiHelpers.Unique("IMP-C"));
        var csv = "产品编码,名称,英文名称,分类,单位,规格,标准价,成本,税率,启用\n" +
                  $"{a},便携彩超,Portable ultrasound,{category.Name},台,M7,\"128,000.50\",60000,13%,是\n" +
                  $"{existing.Sku.ToLowerInvariant()},改名的彩超,,,台,,¥150,,9,否\n" +
                  $"{b},探头,,,个,,800,300,,\n" +
                  $"{b},探头（新）,,,个,,820,300,13,1\n" +
                  $"{c},试剂,,没有这个分类,盒,,10,5,13,是\n" +
                  $"{ApiHelpers.Unique("IMP-D")},试剂,,,盒,,十元,5,13,是\n" +
                  $"{ApiHelpers.Unique("IMP-E")},试剂,,,盒,,10.005,5,13,是\n" +
                  $"{ApiHelpers.Unique("IMP-F")},试剂,,,盒,,10,5,130,是\n" +
                  $"{ApiHelpers.Unique("IMP-G")},,,,盒,,10,5,13,也许\n";
        var upload = await Upload(admin, csv);
        await upload.ShouldBe(202);
        var job = await ImportApiTests.WaitDone(admin, (await upload.Read<ImportCreated>()).Id);
        (job.Status, job.Inserted, job.Merged, job.Failed).Should().Be((ImportStatus.Completed, 2, 2, 5));

        var created = await BySku(admin, a);
        created.Should().NotBeNull();
        created!.Should().Match<ProductDto>(p => p.Name == "便携彩超" && p.NameEn == "Portable ultrasound" && p.CategoryId == category.Id
            && p.Unit == "台" && p.Specification == "M7" && p.ListPrice.Amount == 128_000.50m && p.Cost.Amount == 60_000m && p.VatRatePercent == 13m && p.Active);
        var updated = await BySku(admin, existing.Sku);
        updated!.Should().Match<ProductDto>(p => p.Id == existing.Id && p.Name == "改名的彩超" && p.ListPrice.Amount == 150m && p.VatRatePercent == 9m
            && !p.Active && p.Specification == existing.Specification && p.Cost == existing.Cost);
        (await BySku(admin, b))!.Should().Match<ProductDto>(p => p.Name == "探头（新）" && p.ListPrice.Amount == 820m && p.Active);
        (await BySku(admin, c)).Should().BeNull();

        var errors = await (await admin.GetAsync($"/api/imports/{job.Id}/errors")).Content.ReadAsStringAsync();
        errors.Should().Contain("没有这个分类").And.Contain("十元").And.Contain("10.005").And.Contain("130").And.Contain("也许");
        errors.Should().NotContain("便携彩超");
    }

    [Fact]
    public async Task Only_those_who_manage_products_import_them()
    {
        var admin = await app.AdminClient();
        var manager = await app.ClientFor((await admin.CreateUser(Roles.SalesManager, (await admin.CreateTeam()).Id)).Email);
        await (await Upload(manager, "产品编码,名称,单位,标准价\nX1,试剂,盒,10\n")).ShouldBe(403);
        var fields = await (await admin.GetAsync("/api/imports/fields?entity=products")).Read<List<ImportFieldDto>>();
        fields.Select(f => f.Field).Should().Equal("sku", "name", "nameEn", "category", "unit", "specification", "listPrice", "cost", "vatRatePercent", "active");
    }
}

public sealed class ProductImportTestsOnSqlite(SqliteApp app) : ProductImportTests(app), IClassFixture<SqliteApp>;
public sealed class ProductImportTestsOnPostgres(PostgresApp app) : ProductImportTests(app), IClassFixture<PostgresApp>;
