using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Orders;
using Keqing.Tests.Products;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.SellingQuality;

/// <summary>
/// Quote and order numbers are unique under concurrency, on both providers: many creations at once through the API
/// each get their own number, in one unbroken run, and two orders of one accepted quote at once make one order.
/// </summary>
public abstract class DocumentNumberTests(KeqingApp app)
{
    private const int AtOnce = 12;

    private async Task<(HttpClient Admin, HttpClient Rep, UserDto RepUser)> People()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (admin, await app.ClientFor(rep.Email), rep);
    }

    /// <summary>The number's running part: Q-2026-000123 → 123.</summary>
    private static int Serial(string number) => int.Parse(number[(number.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Quotes_created_at_once_get_distinct_numbers_in_one_run()
    {
        var (admin, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var product = await admin.NewProduct(listPrice: 100m);

        var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i => rep.PostAsJsonAsync("/api/quotes",
            new { customerId = customer.Id, title = $"并发报价 {i}", lines = new[] { new { productId = product.Id, quantity = 1 + i } } }, ApiHelpers.Json)));
        foreach (var response in responses) await response.ShouldBe(201);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Read<QuoteDto>()).Number));

        numbers.Should().OnlyHaveUniqueItems().And.OnlyContain(n => n.StartsWith($"Q-{DateTime.UtcNow.Year}-", StringComparison.Ordinal) && n.Length == 13);
        var serials = numbers.Select(Serial).Order().ToList();
        serials.Should().Equal(Enumerable.Range(serials[0], AtOnce), "numbers are taken one after another, none twice, none skipped");
    }

    [Fact]
    public async Task Orders_created_at_once_get_distinct_numbers_and_one_quote_makes_one_order()
    {
        var (admin, rep, repUser) = await People();
        var customer = await rep.NewCustomer();
        var product = await admin.NewProduct(listPrice: 100m);

        var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i => rep.PostAsJsonAsync("/api/orders",
            new { customerId = customer.Id, lines = new[] { new { productId = product.Id, quantity = 1 + i } } }, ApiHelpers.Json)));
        foreach (var response in responses) await response.ShouldBe(201);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Read<OrderDto>()).Number));
        numbers.Should().OnlyHaveUniqueItems().And.OnlyContain(n => n.StartsWith($"SO-{DateTime.UtcNow.Year}-", StringComparison.Ordinal));
        var serials = numbers.Select(Serial).Order().ToList();
        serials.Should().Equal(Enumerable.Range(serials[0], AtOnce));

        var quoteId = await new OrderData(app).Quote(customer.Id, repUser.Id, repUser.TeamId, QuoteStatus.Accepted, [(product.Id, 2, 200m, 26m, 50m)]);
        var fromQuote = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => rep.PostAsync($"/api/orders/from-quote/{quoteId}", null)));
        fromQuote.Select(r => (int)r.StatusCode).Order().Should().Equal(201, 409, 409, 409);
    }
}

public sealed class DocumentNumberTestsOnSqlite(SqliteApp app) : DocumentNumberTests(app), IClassFixture<SqliteApp>;
public sealed class DocumentNumberTestsOnPostgres(PostgresApp app) : DocumentNumberTests(app), IClassFixture<PostgresApp>;
