using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Domain;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.SellThrough;

/// <summary>Products straight into the catalogue (the products API is another package's) and the sell-through calls.</summary>
public static class SellThroughData
{
    public static async Task<List<(Guid Id, string Sku)>> NewProducts(this KeqingApp app, int count)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var products = Enumerable.Range(0, count).Select(i => new Product
        {
            Sku = ApiHelpers.Unique("ST").ToUpperInvariant(), Name = $"试剂盒 {i}", Unit = "盒",
            ListPrice = Money.Of(100m), Cost = Money.Of(40m),
        }).ToList();
        db.AddRange(products);
        await db.SaveChangesAsync();
        return products.Select(p => (p.Id, p.Sku)).ToList();
    }

    public static Task<CustomerDto> NewDistributor(this HttpClient client, string? name = null) =>
        CustomerApiTests.Create(client, new { kind = "organization", name = name ?? ApiHelpers.Unique("经销商") + "医药有限公司" }, duplicatesConfirmed: true);

    public static object Row(Guid distributorId, Guid productId, string month, long opening, long purchases, long sales, long closing) =>
        new { distributorId, productId, month, opening, purchases, sales, closing };

    public static Task<HttpResponseMessage> Report(this HttpClient client, params object[] rows) =>
        client.PostAsJsonAsync("/api/sell-through", new { rows }, ApiHelpers.Json);

    public static async Task<SellThroughReportResult> Reported(this HttpClient client, params object[] rows)
    {
        var response = await client.Report(rows);
        await response.ShouldBe(200);
        return await response.Read<SellThroughReportResult>();
    }

    public static async Task<SellThroughRowsPage> Rows(this HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/sell-through?" + query);
        await response.ShouldBe(200);
        return await response.Read<SellThroughRowsPage>();
    }
}
