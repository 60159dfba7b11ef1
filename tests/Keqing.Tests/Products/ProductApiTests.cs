using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Products;

/// <summary>
/// Products and categories through the API on both providers (DOMAIN S3): create, read, change with If-Match,
/// deactivate; the SKU unique whatever its case; the VAT rate 0–100; search, category subtree and keyset paging; the
/// category tree without cycles and without deleting a category that is in use.
/// </summary>
public abstract class ProductApiTests(KeqingApp app)
{
    [Fact]
    public async Task An_admin_keeps_products_and_a_rep_reads_them_but_may_not_change_them()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var sku = ApiHelpers.Unique("us-c5");
        var product = await admin.NewProduct(1234.56m, sku: sku);
        product.Sku.Should().Be(sku.ToUpperInvariant());
        product.ListPrice.Amount.Should().Be(1234.56m);
        product.VatRatePercent.Should().Be(13m);

        (await (await rep.GetAsync($"/api/products/{product.Id}")).Read<ProductDto>()).Name.Should().Be(product.Name);
        await (await rep.PostAsJsonAsync("/api/products", new { sku = "X1", name = "x", unit = "台", listPrice = ProductsApi.Cny(1), cost = ProductsApi.Cny(1), vatRatePercent = 13 })).ShouldBe(403);

        // The same SKU in another case is taken; a VAT rate above 100 and a negative price are field errors, all at once.
        var bad = await admin.PostAsJsonAsync("/api/products", new
        {
            sku = $"  {sku.ToLowerInvariant()} ", name = "", unit = "盒", listPrice = ProductsApi.Cny(-1), cost = ProductsApi.Cny(0), vatRatePercent = 113m,
        }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.Should().Contain("\"sku\"").And.Contain("\"name\"").And.Contain("\"listPrice\"").And.Contain("\"vatRatePercent\"");

        // Change with If-Match: none 428, stale 412, current 200 with a new version; 9 % is as good as 13 %.
        var body = new
        {
            sku, name = "便携彩超", nameEn = "Portable ultrasound", unit = "台", specification = "C5-2", listPrice = ProductsApi.Cny(1500m),
            cost = ProductsApi.Cny(900m), vatRatePercent = 9m,
        };
        await (await admin.PutWithVersion($"/api/products/{product.Id}", null, body)).ShouldBe(428);
        await (await admin.PutWithVersion($"/api/products/{product.Id}", product.Version + 5, body)).ShouldBe(412);
        var changed = await admin.PutWithVersion($"/api/products/{product.Id}", product.Version, body);
        await changed.ShouldBe(200);
        var after = await changed.Read<ProductDto>();
        after.Version.Should().BeGreaterThan(product.Version);
        (after.Name, after.VatRatePercent, after.ListPrice.Amount, after.Cost.Amount).Should().Be(("便携彩超", 9m, 1500m, 900m));

        await (await rep.DeleteAsync($"/api/products/{product.Id}")).ShouldBe(403);
        await (await admin.DeleteAsync($"/api/products/{product.Id}")).ShouldBe(204);
        (await (await admin.GetAsync($"/api/products/{product.Id}")).Read<ProductDto>()).Active.Should().BeFalse();
        await (await admin.GetAsync($"/api/products/{Guid.NewGuid()}")).ShouldBe(404);
    }

    [Fact]
    public async Task Search_by_sku_or_name_filter_by_category_subtree_and_page_through_every_product_once()
    {
        var admin = await app.AdminClient();
        var imaging = await admin.NewCategory("影像设备");
        var ultrasound = await admin.NewCategory("超声", imaging.Id);
        var prefix = ApiHelpers.Unique("PG").ToUpperInvariant();
        var made = new List<ProductDto>();
        for (var i = 0; i < 7; i++)
            made.Add(await admin.NewProduct(100m + i, i < 3 ? ultrasound.Id : imaging.Id, sku: $"{prefix}-{i:D2}", name: $"{prefix}试剂盒{i}"));

        var seen = new List<ProductDto>();
        string? after = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/products?q={prefix}&limit=3" + (after is null ? "" : $"&after={after}")))
                .Read<Keqing.Infrastructure.Http.Page<ProductDto>>();
            seen.AddRange(page.Items);
            after = page.Next;
        } while (after is not null);
        seen.Select(p => p.Sku).Should().Equal(made.Select(p => p.Sku));

        var byName = await (await admin.GetAsync($"/api/products?q={Uri.EscapeDataString(prefix + "试剂盒4")}")).Read<Keqing.Infrastructure.Http.Page<ProductDto>>();
        byName.Items.Should().ContainSingle().Which.Id.Should().Be(made[4].Id);

        var inImaging = await (await admin.GetAsync($"/api/products?categoryId={imaging.Id}&limit=200")).Read<Keqing.Infrastructure.Http.Page<ProductDto>>();
        inImaging.Items.Should().HaveCount(7, "a category's products include its subcategories'");
        var inUltrasound = await (await admin.GetAsync($"/api/products?categoryId={ultrasound.Id}")).Read<Keqing.Infrastructure.Http.Page<ProductDto>>();
        inUltrasound.Items.Select(p => p.Id).Should().BeEquivalentTo(made.Take(3).Select(p => p.Id));
        inUltrasound.Items.Should().OnlyContain(p => p.CategoryName == "超声");

        await admin.DeleteAsync($"/api/products/{made[0].Id}");
        var active = await (await admin.GetAsync($"/api/products?q={prefix}&active=true")).Read<Keqing.Infrastructure.Http.Page<ProductDto>>();
        active.Items.Should().HaveCount(6);
    }

    [Fact]
    public async Task The_category_tree_has_no_cycles_and_a_category_in_use_cannot_be_deleted()
    {
        var admin = await app.AdminClient();
        var top = await admin.NewCategory("检验试剂");
        var middle = await admin.NewCategory("生化", top.Id);
        var leaf = await admin.NewCategory("肝功能", middle.Id);

        var cycle = await admin.PutAsJsonAsync($"/api/product-categories/{top.Id}", new { name = "检验试剂", parentId = leaf.Id }, ApiHelpers.Json);
        await cycle.ShouldBe(400);
        (await cycle.Content.ReadAsStringAsync()).Should().Contain("parentId");
        await (await admin.PutAsJsonAsync($"/api/product-categories/{top.Id}", new { name = "检验试剂", parentId = top.Id }, ApiHelpers.Json)).ShouldBe(400);

        var withChild = await admin.DeleteAsync($"/api/product-categories/{middle.Id}");
        await withChild.ShouldBe(400);
        (await withChild.Content.ReadAsStringAsync()).Should().Contain("子类目");
        var product = await admin.NewProduct(categoryId: leaf.Id);
        var withProduct = await admin.DeleteAsync($"/api/product-categories/{leaf.Id}");
        await withProduct.ShouldBe(400);
        (await withProduct.Content.ReadAsStringAsync()).Should().Contain("有 1 个产品");

        // Move the leaf to the top, then the product elsewhere: the middle and the leaf can go.
        (await (await admin.PutAsJsonAsync($"/api/product-categories/{leaf.Id}", new { name = "肝功能", parentId = (Guid?)null }, ApiHelpers.Json))
            .Read<CategoryDto>()).ParentId.Should().BeNull();
        await (await admin.DeleteAsync($"/api/product-categories/{middle.Id}")).ShouldBe(204);
        await admin.PutWithVersion($"/api/products/{product.Id}", product.Version, new
        {
            sku = product.Sku, name = product.Name, unit = product.Unit, listPrice = product.ListPrice, cost = product.Cost, vatRatePercent = 13m, categoryId = top.Id,
        });
        await (await admin.DeleteAsync($"/api/product-categories/{leaf.Id}")).ShouldBe(204);
        var tree = await (await admin.GetAsync("/api/product-categories")).Read<List<CategoryDto>>();
        tree.Should().ContainSingle(c => c.Id == top.Id).Which.Products.Should().Be(1);
        tree.Should().NotContain(c => c.Id == leaf.Id || c.Id == middle.Id);
    }
}

public sealed class ProductApiTestsOnSqlite(SqliteApp app) : ProductApiTests(app), IClassFixture<SqliteApp>;
public sealed class ProductApiTestsOnPostgres(PostgresApp app) : ProductApiTests(app), IClassFixture<PostgresApp>;
