using System.Net.Http.Json;
using Keqing.Modules.Products.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Products;

/// <summary>Short ways to set up products, categories, price groups and price lists through the API in tests.</summary>
public static class ProductsApi
{
    public static object Cny(decimal amount) => new { amount, currency = "CNY" };

    public static async Task<ProductDto> NewProduct(this HttpClient admin, decimal listPrice = 100m, Guid? categoryId = null, string? sku = null,
        string? name = null)
    {
        var response = await admin.PostAsJsonAsync("/api/products", new
        {
            sku = sku ?? ApiHelpers.Unique("SKU"), name = name ?? ApiHelpers.Unique("彩超"), unit = "台", specification = "便携式",
            listPrice = Cny(listPrice), cost = Cny(listPrice / 2), vatRatePercent = 13m, categoryId,
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<ProductDto>();
    }

    public static async Task<CategoryDto> NewCategory(this HttpClient admin, string? name = null, Guid? parentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/product-categories", new { name = name ?? ApiHelpers.Unique("类目"), parentId }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<CategoryDto>();
    }

    public static async Task<PriceGroupDto> NewPriceGroup(this HttpClient admin, params Guid[] customerIds)
    {
        var response = await admin.PostAsJsonAsync("/api/price-groups", new { name = ApiHelpers.Unique("一级经销商") }, ApiHelpers.Json);
        await response.ShouldBe(201);
        var group = await response.Read<PriceGroupDto>();
        if (customerIds.Length > 0) await (await admin.PutAsJsonAsync($"/api/price-groups/{group.Id}/members", new { customerIds }, ApiHelpers.Json)).ShouldBe(200);
        return group;
    }

    public static object ListBody(string scope, IEnumerable<(Guid ProductId, int MinQuantity, decimal Price)> items, Guid? priceGroupId = null,
        Guid? customerId = null, string? validFrom = null, string? validTo = null, string? name = null) => new
        {
            name = name ?? ApiHelpers.Unique("价格表"), scope, priceGroupId, customerId, currency = "CNY", validFrom, validTo,
            items = items.Select(i => new { productId = i.ProductId, minQuantity = i.MinQuantity, unitPrice = Cny(i.Price) }),
        };

    public static async Task<PriceListDto> NewPriceList(this HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/price-lists", body, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<PriceListDto>();
    }

    /// <summary>A customer of the caller's (duplicates confirmed: two random test names can score as similar).</summary>
    public static Task<Keqing.Modules.Customers.Contracts.CustomerDto> NewBuyer(this HttpClient client) =>
        Keqing.Tests.Customers.CustomerApiTests.Create(client, new { kind = "organization", name = ApiHelpers.Unique("医疗器械") + "有限公司" }, duplicatesConfirmed: true);

    public static async Task<PriceResolution> Resolve(this HttpClient client, Guid customerId, Guid productId, int quantity, string date = "2026-06-01")
    {
        var response = await client.GetAsync($"/api/prices/resolve?customerId={customerId}&productId={productId}&date={date}&quantity={quantity}");
        await response.ShouldBe(200);
        return await response.Read<PriceResolution>();
    }
}
