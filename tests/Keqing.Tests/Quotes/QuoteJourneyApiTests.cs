using Keqing.Infrastructure.Http;
using System.Net.Http.Json;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Products;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Quotes;

/// <summary>
/// Selling II end to end through the API on both providers, with the real approval engine: a group price list prices
/// the rep's quote, a 15 % discount waits for the rep's manager, who approves it from their waiting list; the rep sends
/// it (PDF), the customer accepts, an order is made from it, and the customer's timeline shows both.
/// </summary>
public abstract class QuoteJourneyApiTests(KeqingApp app)
{
    private static async Task<T> Ok<T>(Task<HttpResponseMessage> call, int status = 200)
    {
        var response = await call;
        await response.ShouldBe(status);
        return await response.Read<T>();
    }

    [Fact]
    public async Task A_discounted_quote_is_approved_by_the_manager_sent_accepted_and_ordered()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var (manager, rep) = (await app.ClientFor(managerUser.Email), await app.ClientFor(repUser.Email));

        var customer = await rep.NewCustomer();
        var product = await admin.NewProduct(listPrice: 1000m);
        var group = await admin.NewPriceGroup(customer.Id);
        var listName = ApiHelpers.Unique("一级经销商价格表");
        await admin.NewPriceList(ProductsApi.ListBody("group", [(product.Id, 1, 900m)], priceGroupId: group.Id, name: listName));
        await Ok<object>(admin.PostAsJsonAsync("/api/approval-flows", new
        {
            recordType = "quotes.quote", name = "折扣超过 10% 由上级审批", active = true, discountAbovePercent = 10m,
            steps = new[] { new { name = "直属上级", approver = "manager", managerLevel = 1, fallback = "next-level" } },
        }, ApiHelpers.Json), 201);

        var quote = await Ok<QuoteDto>(rep.PostAsJsonAsync("/api/quotes", new
        {
            customerId = customer.Id, title = "彩超报价",
            lines = new[] { new { productId = product.Id, quantity = 2, discountPercent = 15m } },
        }, ApiHelpers.Json), 201);
        var line = quote.Lines.Should().ContainSingle().Subject;
        (line.PriceSource, line.ListUnitPrice.Amount, line.NetAmount.Amount).Should().Be((listName, 900m, 1530m)); // 2 × 900 × 0.85

        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/submit", new { }))).Status.Should().Be(QuoteStatus.PendingApproval);
        await (await rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/send", new { })).ShouldBe(409);

        var waiting = (await Ok<Page<ApprovalSummaryDto>>(manager.GetAsync("/api/approvals?view=waiting"))).Items;
        var request = waiting.Should().ContainSingle(r => r.RecordId == quote.Id).Subject;
        request.RecordType.Should().Be("quotes.quote");
        (await Ok<Page<ApprovalSummaryDto>>(rep.GetAsync("/api/approvals?view=waiting"))).Items.Should().NotContain(r => r.RecordId == quote.Id);
        (await Ok<ApprovalDetailDto>(manager.PostAsJsonAsync($"/api/approvals/{request.Id}/approve", new { reason = "同意" })))
            .Request.Status.Should().Be(ApprovalStatus.Approved);
        (await Ok<QuoteDto>(rep.GetAsync($"/api/quotes/{quote.Id}"))).Status.Should().Be(QuoteStatus.Approved);

        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/send", new { }))).Status.Should().Be(QuoteStatus.Sent);
        var pdf = await rep.GetAsync($"/api/quotes/{quote.Id}/pdf");
        await pdf.ShouldBe(200);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/accept", new { }))).Status.Should().Be(QuoteStatus.Accepted);

        var order = await Ok<OrderDto>(rep.PostAsync($"/api/orders/from-quote/{quote.Id}", null), 201);
        (order.QuoteId, order.CustomerId, order.NetTotal.Amount).Should().Be((quote.Id, customer.Id, 1530m));

        var timeline = (await rep.Timeline(customer.Id)).Items;
        timeline.Should().Contain(e => e.SourceModule == "quotes" && e.Title.Contains(quote.Number));
        timeline.Should().Contain(e => e.SourceModule == "orders" && e.Title.Contains(order.Number));
    }
}

public sealed class QuoteJourneyApiTestsOnSqlite(SqliteApp app) : QuoteJourneyApiTests(app), IClassFixture<SqliteApp>;
public sealed class QuoteJourneyApiTestsOnPostgres(PostgresApp app) : QuoteJourneyApiTests(app), IClassFixture<PostgresApp>;
