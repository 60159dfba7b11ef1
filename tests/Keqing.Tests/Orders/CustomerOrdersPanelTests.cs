using System.Net.Http.Json;
using Bunit;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.Orders;

/// <summary>The orders panel on the customer page: the way to a new order for this customer, and its latest orders.</summary>
public sealed class CustomerOrdersPanelTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task The_customer_page_offers_a_new_order_for_the_customer_and_lists_its_latest_orders()
    {
        var admin = await host.AdminClient();
        var customer = await admin.NewCustomer();
        var panel = Render<CustomerOrdersPanel>(p => p.Add(x => x.CustomerId, customer.Id));
        panel.WaitForElement(".customer-orders-none");
        panel.Find("a.customer-orders-new").GetAttribute("href").Should().Be($"/orders/new?customerId={customer.Id}");
        panel.Find("a.customer-orders-all").GetAttribute("href").Should().Be($"/orders?customerId={customer.Id}");

        var product = await new OrderData(host).Product(50m, 20m);
        var response = await admin.PostAsJsonAsync("/api/orders", new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 2 } } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        var order = await response.Read<OrderDto>();
        var other = await admin.NewCustomer();
        await (await admin.PostAsJsonAsync("/api/orders", new { customerId = other.Id, lines = new[] { new { productId = product, quantity = 1 } } }, ApiHelpers.Json)).ShouldBe(201);

        var again = Render<CustomerOrdersPanel>(p => p.Add(x => x.CustomerId, customer.Id));
        again.WaitForAssertion(() => again.FindAll(".customer-order").Should().ContainSingle().Which.TextContent.Should().Contain(order.Number));
        again.Find(".customer-order a").GetAttribute("href").Should().Be($"/orders/{order.Id}");
    }
}
