using Keqing.Infrastructure.Web;
using Keqing.Modules.Products.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Products;

/// <summary>
/// The demo company's products and prices (<c>--seed-demo</c>), seeded after the demo staff and customers as the app
/// does: the category tree, twenty products, the four price groups with their 2026 lists, demo customers in groups, and
/// prices that resolve from the customer's group's list.
/// </summary>
public sealed class ProductsDemoDataTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_demo_maker_has_products_price_groups_and_lists_that_price_its_customers()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 50).OrderBy(s => s.Order))
                await seeder.Seed(default);

        var admin = await app.AdminClient();
        var categories = await (await admin.GetAsync("/api/product-categories")).Read<List<CategoryDto>>();
        var imaging = categories.Should().ContainSingle(c => c.Name == "影像设备").Subject;
        categories.Should().Contain(c => c.Name == "超声" && c.ParentId == imaging.Id);
        var products = await (await admin.GetAsync("/api/products?limit=200")).Read<Keqing.Infrastructure.Http.Page<ProductDto>>();
        products.Items.Should().HaveCount(20).And.Contain(p => p.Unit == "盒" && p.VatRatePercent == 9m);

        var groups = await (await admin.GetAsync("/api/price-groups")).Read<List<PriceGroupDto>>();
        groups.Select(g => g.Name).Should().BeEquivalentTo("一级经销商", "二级经销商", "医院", "零售");
        groups.Sum(g => g.Members).Should().BeGreaterThan(0, "demo customers are put in groups");
        var lists = await (await admin.GetAsync("/api/price-lists")).Read<List<PriceListSummaryDto>>();
        lists.Should().Contain(l => l.Name == "一级经销商 2026 价格表" && l.Scope == PriceListScope.Group)
            .And.Contain(l => l.Scope == PriceListScope.Customer).And.Contain(l => l.Scope == PriceListScope.Standard);

        var dealers = groups.Single(g => g.Name == "一级经销商");
        var member = (await (await admin.GetAsync($"/api/price-groups/{dealers.Id}/members")).Read<List<PriceGroupMemberDto>>()).Last();
        var reagent = products.Items.Single(p => p.Sku == "RG-ALT");
        var price = await admin.Resolve(member.CustomerId, reagent.Id, 60);
        price.Price!.Source.Should().Be("一级经销商 2026 价格表");
        price.Price.MinQuantity.Should().Be(50);
    }
}
