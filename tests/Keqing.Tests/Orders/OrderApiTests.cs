using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Orders;

/// <summary>
/// Orders through the API on both providers (DOMAIN S3, issue 15 point 5): entered directly with prices from the
/// customer's list and margin exact to the fen, from an accepted quote once, changed under If-Match, shipped,
/// delivered and cancelled (lines stop counting), record access, keyset paging, the timeline and the last prices.
/// </summary>
public abstract class OrderApiTests(KeqingApp app)
{
    private readonly OrderData data = new(app);

    private async Task<(HttpClient Admin, HttpClient Rep, UserDto RepUser)> People()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (admin, await app.ClientFor(rep.Email), rep);
    }

    private static async Task<OrderDto> Create(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/orders", body, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<OrderDto>();
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, Guid id, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/orders/{id}") { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_direct_order_takes_prices_from_the_customers_list_and_its_margin_is_exact_to_the_fen()
    {
        var (_, rep, repUser) = await People();
        var customer = await rep.NewCustomer();
        var probe = await data.Product(listPrice: 100m, cost: 61.37m, vat: 13m);
        var gel = await data.Product(listPrice: 19.99m, cost: 12.34m, vat: 6m);
        await data.CustomerPrices(customer.Id, (probe, 88.88m));

        var order = await Create(rep, new { customerId = customer.Id, lines = new[] { new { productId = probe, quantity = 3 }, new { productId = gel, quantity = 7 } } });

        order.Status.Should().Be(OrderStatus.Confirmed);
        order.Number.Should().StartWith("SO-");
        order.OwnerId.Should().Be(repUser.Id);
        order.CustomerName.Should().Be(customer.Name);
        var first = order.Lines[0];
        // 3 × 88.88 (the customer's list, not the list price 100) = 266.64; VAT 13 % = 34.6632 → 34.66; cost 3 × 61.37 = 184.11.
        (first.NetUnitPrice, first.NetAmount, first.TaxAmount, first.Cost, first.Margin, first.MarginPercent)
            .Should().Be((Money.Of(88.88m), Money.Of(266.64m), Money.Of(34.66m), Money.Of(184.11m), Money.Of(82.53m), 30.95m));
        var second = order.Lines[1];
        // 7 × 19.99 (no list: the product's own price) = 139.93; VAT 6 % = 8.3958 → 8.40; cost 7 × 12.34 = 86.38.
        (second.NetAmount, second.TaxAmount, second.Cost, second.Margin).Should().Be((Money.Of(139.93m), Money.Of(8.40m), Money.Of(86.38m), Money.Of(53.55m)));
        (order.NetTotal, order.TaxTotal, order.GrandTotal, order.CostTotal, order.Margin, order.MarginPercent)
            .Should().Be((Money.Of(406.57m), Money.Of(43.06m), Money.Of(449.63m), Money.Of(270.49m), Money.Of(136.08m), 33.47m));

        var read = await (await rep.GetAsync($"/api/orders/{order.Id}")).Read<OrderDto>();
        read.Lines.Select(l => l.Margin).Should().Equal(Money.Of(82.53m), Money.Of(53.55m));
        var list = await (await rep.GetAsync($"/api/orders?customerId={customer.Id}")).Read<Page<OrderSummaryDto>>();
        list.Items.Should().ContainSingle().Which.Margin.Should().Be(Money.Of(136.08m));

        var timeline = await rep.Timeline(customer.Id);
        timeline.Items.Where(e => e.SourceModule == "orders").Select(e => e.Title).Should().ContainSingle().Which.Should().Contain(order.Number);
    }

    [Fact]
    public async Task Bad_orders_are_problem_details_naming_each_field()
    {
        var (admin, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var inactive = await data.Product(10m, 5m, active: false);
        var product = await data.Product(10m, 5m);

        var bad = await rep.PostAsJsonAsync("/api/orders", new
        {
            customerId = customer.Id,
            lines = new object[] { new { productId = Guid.NewGuid(), quantity = 1 }, new { productId = inactive, quantity = 1 }, new { productId = product, quantity = 0 } },
        }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        var text = await bad.Content.ReadAsStringAsync();
        text.Should().Contain("lines[0].productId").And.Contain("lines[1].productId").And.Contain("lines[2].quantity");

        var empty = await rep.PostAsJsonAsync("/api/orders", new { customerId = customer.Id, lines = Array.Empty<object>() }, ApiHelpers.Json);
        await empty.ShouldBe(400);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("\"lines\"");
        var farDate = await rep.PostAsJsonAsync("/api/orders", new { customerId = customer.Id, orderDate = "2019-01-01", lines = new[] { new { productId = product, quantity = 1 } } }, ApiHelpers.Json);
        await farDate.ShouldBe(400);
        (await farDate.Content.ReadAsStringAsync()).Should().Contain("orderDate");

        // Another rep's customer is as unknown as one that does not exist.
        var other = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var hidden = await other.PostAsJsonAsync("/api/orders", new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 1 } } }, ApiHelpers.Json);
        await hidden.ShouldBe(400);
        (await hidden.Content.ReadAsStringAsync()).Should().Contain("customerId");
        await (await rep.GetAsync("/api/orders?status=lost")).ShouldBe(400);
        await (await rep.GetAsync("/api/orders?after=garbage")).ShouldBe(400);
    }

    [Fact]
    public async Task An_accepted_quote_becomes_one_order_with_its_prices_and_costs()
    {
        var (admin, rep, repUser) = await People();
        var customer = await rep.NewCustomer();
        var product = await data.Product(100m, 60m);
        var quoteId = await data.Quote(customer.Id, repUser.Id, repUser.TeamId, QuoteStatus.Accepted, (product, 5, 437.50m, 56.88m, 61.01m));

        var response = await rep.PostAsync($"/api/orders/from-quote/{quoteId}", null);
        await response.ShouldBe(201);
        var order = await response.Read<OrderDto>();
        order.QuoteId.Should().Be(quoteId);
        var line = order.Lines.Should().ContainSingle().Subject;
        (line.Quantity, line.NetAmount, line.TaxAmount, line.UnitCost, line.NetUnitPrice).Should()
            .Be((5, Money.Of(437.50m), Money.Of(56.88m), Money.Of(61.01m), Money.Of(87.50m)));
        // 437.50 − 5 × 61.01 = 132.45
        order.Margin.Should().Be(Money.Of(132.45m));
        order.GrandTotal.Should().Be(Money.Of(494.38m));

        await (await rep.PostAsync($"/api/orders/from-quote/{quoteId}", null)).ShouldBe(409);
        await (await rep.PostAsJsonAsync("/api/orders", new { quoteId }, ApiHelpers.Json)).ShouldBe(409);

        var draft = await data.Quote(customer.Id, repUser.Id, repUser.TeamId, QuoteStatus.Sent, (product, 1, 100m, 13m, 60m));
        await (await rep.PostAsync($"/api/orders/from-quote/{draft}", null)).ShouldBe(404);
        await (await rep.PostAsync($"/api/orders/from-quote/{Guid.NewGuid()}", null)).ShouldBe(404);
        var other = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var another = await data.Quote(customer.Id, repUser.Id, repUser.TeamId, QuoteStatus.Accepted, (product, 1, 100m, 13m, 60m));
        await (await other.PostAsync($"/api/orders/from-quote/{another}", null)).ShouldBe(404);
        var viaBody = await Create(rep, new { quoteId = another });
        viaBody.QuoteId.Should().Be(another);

        // The lines of an order made from a quote are the quote's.
        var change = await Put(rep, order.Id, order.Version, new { lines = new[] { new { productId = product, quantity = 1 } } });
        await change.ShouldBe(400);
    }

    [Fact]
    public async Task A_confirmed_order_changes_under_If_Match_and_moves_through_its_statuses()
    {
        var (_, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var product = await data.Product(50m, 30m, vat: 0m);
        var order = await Create(rep, new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 2 } } });

        var body = new { notes = "加急发货", lines = new[] { new { productId = product, quantity = 4 }, new { productId = product, quantity = 1 } } };
        await (await Put(rep, order.Id, null, body)).ShouldBe(428);
        await (await Put(rep, order.Id, order.Version + 5, body)).ShouldBe(412);
        var changed = await Put(rep, order.Id, order.Version, body);
        await changed.ShouldBe(200);
        var after = await changed.Read<OrderDto>();
        after.Lines.Select(l => (l.LineNo, l.Quantity)).Should().Equal((1, 4), (2, 1));
        (after.NetTotal, after.CostTotal, after.Margin, after.Notes).Should().Be((Money.Of(250m), Money.Of(150m), Money.Of(100m), "加急发货"));
        var shorter = await Put(rep, order.Id, after.Version, new { lines = new[] { new { productId = product, quantity = 3 } } });
        await shorter.ShouldBe(200);
        (await shorter.Read<OrderDto>()).Lines.Should().ContainSingle().Which.NetAmount.Should().Be(Money.Of(150m));

        await (await rep.PostAsync($"/api/orders/{order.Id}/deliver", null)).ShouldBe(409);
        var shipped = await rep.PostAsync($"/api/orders/{order.Id}/ship", null);
        await shipped.ShouldBe(200);
        var shippedOrder = await shipped.Read<OrderDto>();
        shippedOrder.Status.Should().Be(OrderStatus.Shipped);
        shippedOrder.ShippedAt.Should().NotBeNull();
        await (await Put(rep, order.Id, shippedOrder.Version, new { notes = "x" })).ShouldBe(409);
        await (await rep.PostAsync($"/api/orders/{order.Id}/ship", null)).ShouldBe(409);
        var delivered = await rep.PostAsync($"/api/orders/{order.Id}/deliver", null);
        await delivered.ShouldBe(200);
        (await delivered.Read<OrderDto>()).Status.Should().Be(OrderStatus.Delivered);
        await (await rep.PostAsync($"/api/orders/{order.Id}/cancel", null)).ShouldBe(409);

        var titles = (await rep.Timeline(customer.Id)).Items.Where(e => e.SourceModule == "orders").Select(e => e.Title).ToList();
        titles.Should().HaveCount(3);

        await (await rep.DeleteAsync($"/api/orders/{order.Id}")).ShouldBe(204);
        await (await rep.GetAsync($"/api/orders/{order.Id}")).ShouldBe(200);
        (await (await rep.GetAsync($"/api/orders?customerId={customer.Id}")).Read<Page<OrderSummaryDto>>()).Items.Should().BeEmpty();
        await (await rep.PostAsync($"/api/orders/{order.Id}/ship", null)).ShouldBe(404);
    }

    [Fact]
    public async Task Cancelling_stops_the_lines_counting_and_last_prices_take_the_latest_counted_line_per_product()
    {
        var (_, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var a = await data.Product(10m, 6m);
        var b = await data.Product(20m, 12m);
        var never = await data.Product(30m, 18m);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Create(rep, new { customerId = customer.Id, orderDate = today.AddDays(-20), lines = new[] { new { productId = a, quantity = 2 }, new { productId = b, quantity = 1 } } });
        await data.CustomerPrices(customer.Id, (a, 9.5m));
        var latest = await Create(rep, new { customerId = customer.Id, orderDate = today.AddDays(-5), lines = new[] { new { productId = a, quantity = 4 } } });
        await data.CustomerPrices(customer.Id, (b, 17.77m));
        var cancelled = await Create(rep, new { customerId = customer.Id, orderDate = today, lines = new[] { new { productId = b, quantity = 3 } } });

        var response = await rep.PostAsync($"/api/orders/{cancelled.Id}/cancel", null);
        await response.ShouldBe(200);
        var after = await response.Read<OrderDto>();
        after.Status.Should().Be(OrderStatus.Cancelled);
        after.CancelledAt.Should().NotBeNull();
        await (await rep.PostAsync($"/api/orders/{cancelled.Id}/cancel", null)).ShouldBe(409);

        await using var scope = app.Services.CreateAsyncScope();
        var prices = await scope.ServiceProvider.GetRequiredService<ILastPrices>().Of(customer.Id, [a, b, never], CancellationToken.None);
        prices.Keys.Should().BeEquivalentTo([a, b]);
        (prices[a].NetUnitPrice, prices[a].Quantity, prices[a].OrderDate, prices[a].OrderId).Should().Be((Money.Of(9.5m), 4, today.AddDays(-5), latest.Id));
        // The cancelled order's 17.77 does not count: the last price of b is still the list price 20 of the first order.
        (prices[b].NetUnitPrice, prices[b].OrderDate).Should().Be((Money.Of(20m), today.AddDays(-20)));
        (await scope.ServiceProvider.GetRequiredService<ILastPrices>().Of(Guid.NewGuid(), [a], CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rep_sees_their_own_orders_a_manager_their_teams_and_pages_walk_each_once()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep = await app.ClientFor(repUser.Email);
        var outsider = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var customer = await rep.NewCustomer();
        var product = await data.Product(1m, 0.5m);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await Create(rep, new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = i + 1 } } })).Id);

        await (await outsider.GetAsync($"/api/orders/{ids[0]}")).ShouldBe(404);
        await (await outsider.PostAsync($"/api/orders/{ids[0]}/cancel", null)).ShouldBe(404);
        (await (await outsider.GetAsync($"/api/orders?customerId={customer.Id}")).Read<Page<OrderSummaryDto>>()).Items.Should().BeEmpty();
        var managerClient = await app.ClientFor(manager.Email);
        await (await managerClient.GetAsync($"/api/orders/{ids[0]}")).ShouldBe(200);

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await (await rep.GetAsync($"/api/orders?customerId={customer.Id}&status=confirmed&limit=2" + (after is null ? "" : $"&after={after}"))).Read<Page<OrderSummaryDto>>();
            seen.AddRange(page.Items.Select(o => o.Id));
            after = page.Next;
        } while (after is not null);
        seen.Should().Equal(Enumerable.Reverse(ids));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await (await rep.GetAsync($"/api/orders?customerId={customer.Id}&from={today.AddDays(2):yyyy-MM-dd}")).Read<Page<OrderSummaryDto>>()).Items.Should().BeEmpty();
    }
}

public sealed class OrderApiTestsOnSqlite(SqliteApp app) : OrderApiTests(app), IClassFixture<SqliteApp>;
public sealed class OrderApiTestsOnPostgres(PostgresApp app) : OrderApiTests(app), IClassFixture<PostgresApp>;
