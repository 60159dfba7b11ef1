using System.IO.Compression;
using Keqing.Infrastructure.Http;
using System.Net.Http.Json;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Products;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.SellingQuality;

/// <summary>
/// The free text of quotes, approvals and orders is the customer's personal data (DOMAIN P3), on both providers: a
/// data-subject export of a person customer holds a quote's title and notes, the approver's reason and an order's
/// notes; an erasure clears them and keeps numbers, amounts and statuses.
/// </summary>
public abstract class SellingPersonalDataTests(KeqingApp app)
{
    private static async Task<T> Ok<T>(Task<HttpResponseMessage> call, int status = 200)
    {
        var response = await call;
        await response.ShouldBe(status);
        return await response.Read<T>();
    }

    [Fact]
    public async Task Export_and_erasure_of_a_person_cover_quote_approval_and_order_free_text()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var (manager, rep) = (await app.ClientFor(managerUser.Email), await app.ClientFor(repUser.Email));
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await CustomerApiTests.Create(rep, new
        {
            kind = "person", name = Unique("王五"), phones = new[] { "136" + Random.Shared.Next(10_000_000, 99_999_999) }, legalBasis = "contract",
        });
        var product = await admin.NewProduct(listPrice: 1000m);
        await Ok<object>(admin.PostAsJsonAsync("/api/approval-flows", new
        {
            recordType = "quotes.quote", name = "折扣超过 10% 由上级审批", active = true, discountAbovePercent = 10m,
            steps = new[] { new { name = "直属上级", approver = "manager", managerLevel = 1, fallback = "next-level" } },
        }, Json), 201);

        var (title, quoteNotes, reason, orderNotes) = ($"王先生家用呼吸机{tag}", $"王先生患慢阻肺{tag}", $"考虑到王先生病情{tag}", $"送货到王先生家{tag}");
        var quote = await Ok<QuoteDto>(rep.PostAsJsonAsync("/api/quotes", new
        {
            customerId = customer.Id, title, notes = quoteNotes, lines = new[] { new { productId = product.Id, quantity = 1, discountPercent = 15m } },
        }, Json), 201);
        await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/submit", new { }));
        var request = (await Ok<Page<ApprovalSummaryDto>>(manager.GetAsync("/api/approvals?mine=true&status=pending"))).Items.Single(r => r.RecordId == quote.Id);
        await Ok<ApprovalDetailDto>(manager.PostAsJsonAsync($"/api/approvals/{request.Id}/approve", new { reason }, Json));
        var order = await Ok<OrderDto>(rep.PostAsJsonAsync("/api/orders", new
        {
            customerId = customer.Id, notes = orderNotes, lines = new[] { new { productId = product.Id, quantity = 2 } },
        }, Json), 201);

        var export = await admin.GetAsync($"/api/privacy/subjects/customers/{customer.Id}/export");
        await export.ShouldBe(200);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            var files = zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
            foreach (var secret in new[] { title, quoteNotes, reason, orderNotes })
                files["subject.json"].Should().Contain(secret, "the export holds everything held about the person");
            files.Keys.Should().Contain(["records-quotes.quote.csv", "records-orders.order.csv", "approvals-requests.csv"]);
            files["records-quotes.quote.csv"].Should().Contain(quoteNotes);
            files["records-orders.order.csv"].Should().Contain(orderNotes);
        }

        await (await admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{customer.Id}/erase", new { reason = "本人书面要求删除" }, Json)).ShouldBe(200);

        var erasedQuote = await Ok<QuoteDto>(admin.GetAsync($"/api/quotes/{quote.Id}"));
        (erasedQuote.Title, erasedQuote.Notes).Should().Be(("[erased]", (string?)null));
        (erasedQuote.Number, erasedQuote.GrandTotal, erasedQuote.Status).Should().Be((quote.Number, quote.GrandTotal, QuoteStatus.Approved));
        var erasedOrder = await Ok<OrderDto>(admin.GetAsync($"/api/orders/{order.Id}"));
        erasedOrder.Notes.Should().BeNull();
        (erasedOrder.Number, erasedOrder.NetTotal).Should().Be((order.Number, order.NetTotal));
        var detail = await Ok<ApprovalDetailDto>(manager.GetAsync($"/api/approvals/{request.Id}"));
        detail.Request.Title.Should().Be("[erased]");
        detail.Request.Status.Should().Be(ApprovalStatus.Approved);
        detail.Steps.SelectMany(s => s.Tasks).Should().OnlyContain(t => t.Comment == null);
        detail.Log.Should().NotBeEmpty().And.OnlyContain(a => a.Comment == null);

        var again = await admin.GetAsync($"/api/privacy/subjects/customers/{customer.Id}/export");
        var body = await again.Content.ReadAsByteArrayAsync();
        using var after = new ZipArchive(new MemoryStream(body));
        var json = new StreamReader(after.GetEntry("subject.json")!.Open()).ReadToEnd();
        foreach (var secret in new[] { title, quoteNotes, reason, orderNotes }) json.Should().NotContain(secret);
    }
}

public sealed class SellingPersonalDataTestsOnSqlite(SqliteApp app) : SellingPersonalDataTests(app), IClassFixture<SqliteApp>;
public sealed class SellingPersonalDataTestsOnPostgres(PostgresApp app) : SellingPersonalDataTests(app), IClassFixture<PostgresApp>;
