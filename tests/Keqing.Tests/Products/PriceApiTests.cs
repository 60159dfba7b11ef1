using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;

namespace Keqing.Tests.Products;

/// <summary>
/// Price groups, price lists and price resolution through the API on both providers (DOMAIN S3): the customer's list
/// beats its group's, which beats the standard list, which beats the product's own list price; validity dates and
/// quantity tiers; a list is one document (PUT replaces its tiers, If-Match); every bad field is named.
/// </summary>
public abstract class PriceApiTests(KeqingApp app)
{
    [Fact]
    public async Task Customer_list_beats_group_list_beats_standard_list_beats_list_price_by_date_and_quantity()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        var distributor = await rep.NewBuyer();
        var hospital = await rep.NewBuyer();
        var other = await rep.NewBuyer();
        var product = await admin.NewProduct(1000m);
        var group = await admin.NewPriceGroup(distributor.Id, hospital.Id);

        // Nothing on any list: the product's own list price.
        var bare = await rep.Resolve(other.Id, product.Id, 1);
        (bare.Price!.UnitPrice.Amount, bare.Price.PriceListId, bare.Price.Scope).Should().Be((1000m, (Guid?)null, PriceListScope.Standard));

        var standard = await admin.NewPriceList(ProductsApi.ListBody("standard", [(product.Id, 1, 950m)], validFrom: "2026-01-01", validTo: "2026-12-31"));
        var groupList = await admin.NewPriceList(ProductsApi.ListBody("group", [(product.Id, 1, 900m), (product.Id, 10, 850m), (product.Id, 100, 800m)],
            priceGroupId: group.Id, validFrom: "2026-01-01", validTo: "2026-12-31", name: "一级经销商 2026 价格表"));
        var own = await admin.NewPriceList(ProductsApi.ListBody("customer", [(product.Id, 50, 780m)], customerId: distributor.Id, validFrom: "2026-03-01"));

        (await rep.Resolve(other.Id, product.Id, 1)).Price!.PriceListId.Should().Be(standard.Id, "a customer in no group gets the standard list");
        (await rep.Resolve(other.Id, product.Id, 1, "2027-01-05")).Price!.PriceListId.Should().BeNull("the standard list ended with 2026");

        var hospitalPrice = await rep.Resolve(hospital.Id, product.Id, 12);
        (hospitalPrice.Price!.UnitPrice.Amount, hospitalPrice.Price.Source, hospitalPrice.Price.MinQuantity).Should().Be((850m, "一级经销商 2026 价格表", 10));
        hospitalPrice.PriceGroupName.Should().Be(group.Name);
        (await rep.Resolve(hospital.Id, product.Id, 100)).Price!.UnitPrice.Amount.Should().Be(800m);
        (await rep.Resolve(hospital.Id, product.Id, 99)).Price!.UnitPrice.Amount.Should().Be(850m);

        // The customer's own list applies from its first tier (50) and from its start date; below it, the group's.
        var ownPrice = await rep.Resolve(distributor.Id, product.Id, 60);
        (ownPrice.Price!.UnitPrice.Amount, ownPrice.Price.PriceListId, ownPrice.Price.Scope).Should().Be((780m, (Guid?)own.Id, PriceListScope.Customer));
        (await rep.Resolve(distributor.Id, product.Id, 49)).Price!.PriceListId.Should().Be(groupList.Id);
        (await rep.Resolve(distributor.Id, product.Id, 60, "2026-02-28")).Price!.PriceListId.Should().Be(groupList.Id);

        // Two group lists valid on the date: the one valid from the later date wins.
        var autumn = await admin.NewPriceList(ProductsApi.ListBody("group", [(product.Id, 1, 870m)], priceGroupId: group.Id, validFrom: "2026-09-01"));
        (await rep.Resolve(hospital.Id, product.Id, 1, "2026-10-01")).Price!.PriceListId.Should().Be(autumn.Id);
        (await rep.Resolve(hospital.Id, product.Id, 1, "2026-08-31")).Price!.PriceListId.Should().Be(groupList.Id);

        // An inactive list prices nothing; an inactive product has no price at all.
        await (await admin.DeleteAsync($"/api/price-lists/{own.Id}")).ShouldBe(204);
        (await rep.Resolve(distributor.Id, product.Id, 60)).Price!.PriceListId.Should().Be(groupList.Id);
        await admin.DeleteAsync($"/api/products/{product.Id}");
        (await rep.Resolve(distributor.Id, product.Id, 60)).Price.Should().BeNull();
    }

    [Fact]
    public async Task Resolving_asks_for_every_field_and_a_customer_the_caller_may_see()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var product = await admin.NewProduct();
        var notTheirs = await admin.NewBuyer();
        var missing = await rep.GetAsync("/api/prices/resolve?quantity=0");
        await missing.ShouldBe(400);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("customerId").And.Contain("productId").And.Contain("date").And.Contain("quantity");
        var hidden = await rep.GetAsync($"/api/prices/resolve?customerId={notTheirs.Id}&productId={product.Id}&date=2026-06-01&quantity=1");
        await hidden.ShouldBe(400);
        (await hidden.Content.ReadAsStringAsync()).Should().Contain("customerId");
        (await admin.Resolve(notTheirs.Id, product.Id, 1)).Price!.UnitPrice.Amount.Should().Be(100m);
    }

    [Fact]
    public async Task A_price_list_is_one_document_checked_field_by_field_and_replaced_with_if_match()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var a = await admin.NewProduct(10m);
        var b = await admin.NewProduct(20m);
        var group = await admin.NewPriceGroup();
        var customer = await admin.NewBuyer();

        var bad = await admin.PostAsJsonAsync("/api/price-lists", new
        {
            name = "", scope = "group", customerId = customer.Id, currency = "CNY", validFrom = "2026-12-31", validTo = "2026-01-01",
            items = new object[]
            {
                new { productId = a.Id, minQuantity = 1, unitPrice = ProductsApi.Cny(9m) },
                new { productId = a.Id, minQuantity = 1, unitPrice = ProductsApi.Cny(8m) },
                new { productId = b.Id, minQuantity = 0, unitPrice = ProductsApi.Cny(-1m) },
                new { productId = Guid.NewGuid(), minQuantity = 1, unitPrice = new { amount = 5m, currency = "USD" } },
            },
        }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "\"name\"", "priceGroupId", "customerId", "validTo", "items[1].minQuantity", "items[2].minQuantity", "items[2].unitPrice", "items[3].productId", "items[3].unitPrice" })
            problem.Should().Contain(field);
        problem.Should().NotContain("items[0]");

        await (await rep.PostAsJsonAsync("/api/price-lists", ProductsApi.ListBody("standard", [(a.Id, 1, 9m)]), ApiHelpers.Json)).ShouldBe(403);
        await (await rep.GetAsync("/api/price-lists")).ShouldBe(403);

        var list = await admin.NewPriceList(ProductsApi.ListBody("group", [(a.Id, 1, 9m), (a.Id, 10, 8m)], priceGroupId: group.Id));
        list.Items.Select(i => (i.MinQuantity, i.UnitPrice.Amount)).Should().Equal((1, 9m), (10, 8m));
        list.PriceGroupName.Should().Be(group.Name);

        var replacement = ProductsApi.ListBody("group", [(b.Id, 1, 19.99m)], priceGroupId: group.Id, name: "二级经销商 2026 价格表");
        await (await admin.PutWithVersion($"/api/price-lists/{list.Id}", null, replacement)).ShouldBe(428);
        await (await admin.PutWithVersion($"/api/price-lists/{list.Id}", list.Version + 3, replacement)).ShouldBe(412);
        var put = await admin.PutWithVersion($"/api/price-lists/{list.Id}", list.Version, replacement);
        await put.ShouldBe(200);
        var replaced = await put.Read<PriceListDto>();
        replaced.Items.Should().ContainSingle().Which.Should().Match<PriceListItemDto>(i => i.ProductId == b.Id && i.UnitPrice.Amount == 19.99m);
        replaced.Version.Should().BeGreaterThan(list.Version);
        replaced.Name.Should().Be("二级经销商 2026 价格表");
        await (await admin.PutWithVersion($"/api/price-lists/{list.Id}", list.Version, replacement)).ShouldBe(412);

        var lists = await (await admin.GetAsync("/api/price-lists?scope=group")).Read<List<PriceListSummaryDto>>();
        lists.Should().ContainSingle(l => l.Id == list.Id).Which.Items.Should().Be(1);
        await (await admin.DeleteAsync($"/api/price-groups/{group.Id}")).ShouldBe(400);
    }

    [Fact]
    public async Task A_customer_is_in_one_price_group_at_most_and_moves_when_put_in_another()
    {
        var admin = await app.AdminClient();
        var first = await admin.NewBuyer();
        var second = await admin.NewBuyer();
        var dealers = await admin.NewPriceGroup(first.Id, second.Id);
        var hospitals = await admin.NewPriceGroup();

        await (await admin.PutAsJsonAsync($"/api/price-groups/{hospitals.Id}/members", new { customerIds = new[] { second.Id } }, ApiHelpers.Json)).ShouldBe(200);
        (await (await admin.GetAsync($"/api/price-groups/{dealers.Id}/members")).Read<List<PriceGroupMemberDto>>())
            .Should().ContainSingle().Which.CustomerId.Should().Be(first.Id);
        (await (await admin.GetAsync($"/api/price-groups/{hospitals.Id}/members")).Read<List<PriceGroupMemberDto>>())
            .Should().ContainSingle().Which.Name.Should().Be(second.Name);

        var unknown = await admin.PutAsJsonAsync($"/api/price-groups/{dealers.Id}/members", new { customerIds = new[] { first.Id, Guid.NewGuid() } }, ApiHelpers.Json);
        await unknown.ShouldBe(400);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("customerIds[1]");

        var groups = await (await admin.GetAsync("/api/price-groups")).Read<List<PriceGroupDto>>();
        groups.Single(g => g.Id == dealers.Id).Members.Should().Be(1);
        var duplicate = await admin.PostAsJsonAsync("/api/price-groups", new { name = dealers.Name }, ApiHelpers.Json);
        await duplicate.ShouldBe(400);
        await (await admin.DeleteAsync($"/api/price-groups/{hospitals.Id}")).ShouldBe(204);
    }
}

public sealed class PriceApiTestsOnSqlite(SqliteApp app) : PriceApiTests(app), IClassFixture<SqliteApp>;
public sealed class PriceApiTestsOnPostgres(PostgresApp app) : PriceApiTests(app), IClassFixture<PostgresApp>;
