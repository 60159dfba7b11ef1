using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Features;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Quotes;

/// <summary>
/// Quotes through the API on both providers (DOMAIN S3): lines priced only from the resolved lists (with their source),
/// totals exact to the fen, draft changes under If-Match, submit through the approval engine (at once within the limit,
/// waiting above it, read-only while waiting), send, the customer's answer, revisions, expiry, and who sees what.
/// </summary>
public abstract class QuoteApiTests(QuotesApp app)
{
    private async Task<(HttpClient Admin, HttpClient Rep, Guid RepId)> People()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (admin, await app.ClientFor(rep.Email), rep.Id);
    }

    private static async Task<QuoteDto> Create(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/quotes", body, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<QuoteDto>();
    }

    private static async Task<QuoteDto> Post(HttpClient client, string url, int status = 200, object? body = null)
    {
        var response = await client.PostAsJsonAsync(url, body ?? new { }, ApiHelpers.Json);
        await response.ShouldBe(status);
        return status is 200 or 201 ? await response.Read<QuoteDto>() : null!;
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, Guid id, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/quotes/{id}") { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }

    private static async Task<QuoteDto> Get(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/quotes/{id}");
        await response.ShouldBe(200);
        return await response.Read<QuoteDto>();
    }

    [Fact]
    public async Task Lines_take_their_price_and_source_from_the_resolved_list_and_totals_add_up_to_the_fen()
    {
        var (_, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var listed = await app.Product(100m, 13m, customer.Id, 88.50m);
        var standard = await app.Product(33.33m, 6m);

        var quote = await Create(rep, new
        {
            customerId = customer.Id, title = "探头报价",
            lines = new object[]
            {
                new { productId = listed, quantity = 3, discountPercent = 5m, unitPrice = new { amount = 88.50m, currency = "CNY" } },
                new { productId = standard, quantity = 7 },
            },
        });
        quote.Status.Should().Be(QuoteStatus.Draft);
        quote.Number.Should().StartWith("Q-2026-");
        quote.Revision.Should().Be(1);
        quote.Lines.Select(l => (l.ListUnitPrice, l.PriceSource)).Should().Equal((Money.Of(88.50m), "一级经销商 2026 价格表"), (Money.Of(33.33m), (string?)null));
        // 3 × 88.50 × 0.95 = 252.225 → 252.23, VAT 32.78925 → 32.79; 7 × 33.33 = 233.31, VAT 13.9986 → 14.00.
        quote.Lines[0].NetAmount.Should().Be(Money.Of(252.23m));
        quote.Lines[0].TaxAmount.Should().Be(Money.Of(32.79m));
        quote.Lines[1].TaxAmount.Should().Be(Money.Of(14.00m));
        quote.NetTotal.Should().Be(Money.Of(485.54m));
        quote.TaxTotal.Should().Be(Money.Of(46.79m));
        quote.GrandTotal.Should().Be(Money.Of(532.33m));
        quote.Subtotal.Should().Be(Money.Of(498.81m));
        quote.DiscountTotal.Should().Be(Money.Of(13.27m));
        quote.MaxDiscountPercent.Should().Be(5m);

        // Tax-inclusive: the list price with VAT is the unit price.
        var inclusive = await Create(rep, new { customerId = customer.Id, taxInclusive = true, lines = new[] { new { productId = listed, quantity = 1 } } });
        inclusive.Lines[0].ListUnitPrice.Should().Be(Money.Of(100.01m)); // 88.50 × 1.13 = 100.005
        (inclusive.NetTotal + inclusive.TaxTotal).Should().Be(inclusive.GrandTotal);
        inclusive.GrandTotal.Should().Be(Money.Of(100.01m));

        // A price that is not the list's, an inactive product, bad quantities and discounts: 400 naming the line and why.
        var wrong = await rep.PostAsJsonAsync("/api/quotes", new
        {
            customerId = customer.Id,
            lines = new object[]
            {
                new { productId = listed, quantity = 1, unitPrice = new { amount = 80m, currency = "CNY" } },
                new { productId = await app.Product(10m, active: false), quantity = 1 },
                new { productId = standard, quantity = 0 },
                new { productId = standard, quantity = 1, discountPercent = 120m },
            },
        }, ApiHelpers.Json);
        await wrong.ShouldBe(400);
        var problem = await wrong.Content.ReadAsStringAsync();
        problem.Should().Contain("lines[0].unitPrice").And.Contain("88.50").And.Contain("一级经销商 2026 价格表")
            .And.Contain("lines[1].productId").And.Contain("lines[2].quantity").And.Contain("lines[3].discountPercent");
        await (await rep.PostAsJsonAsync("/api/quotes", new { title = "x" }, ApiHelpers.Json)).ShouldBe(400);
        await (await rep.PostAsJsonAsync("/api/quotes", new { customerId = Guid.NewGuid() }, ApiHelpers.Json)).ShouldBe(400);
    }

    [Fact]
    public async Task A_draft_changes_under_if_match_and_within_the_limit_submit_approves_at_once_then_send_and_accept()
    {
        var (_, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var product = await app.Product(200m);
        var quote = await Create(rep, new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 1 } } });

        var body = new { title = "改后", totalDiscountPercent = 10m, lines = new[] { new { productId = product, quantity = 2 } } };
        await (await Put(rep, quote.Id, null, body)).ShouldBe(428);
        await (await Put(rep, quote.Id, quote.Version + 5, body)).ShouldBe(412);
        var changed = await Put(rep, quote.Id, quote.Version, body);
        await changed.ShouldBe(200);
        var draft = await changed.Read<QuoteDto>();
        draft.Lines.Should().ContainSingle().Which.Quantity.Should().Be(2);
        draft.NetTotal.Should().Be(Money.Of(360m));
        draft.GrandTotal.Should().Be(Money.Of(406.80m));

        var approved = await Post(rep, $"/api/quotes/{quote.Id}/submit");
        approved.Status.Should().Be(QuoteStatus.Approved);
        approved.ApprovedAt.Should().NotBeNull();
        await (await Put(rep, quote.Id, approved.Version, body)).ShouldBe(409);
        await Post(rep, $"/api/quotes/{quote.Id}/accept", 409);
        (await Post(rep, $"/api/quotes/{quote.Id}/send")).Status.Should().Be(QuoteStatus.Sent);
        (await Post(rep, $"/api/quotes/{quote.Id}/accept")).Status.Should().Be(QuoteStatus.Accepted);
        await Post(rep, $"/api/quotes/{quote.Id}/revise", 409);

        await using var scope = app.Services.CreateAsyncScope();
        var accepted = await scope.ServiceProvider.GetRequiredService<IQuoteReader>().Accepted(quote.Id, default);
        accepted!.Lines.Should().ContainSingle().Which.NetAmount.Should().Be(Money.Of(360m));
    }

    [Fact]
    public async Task Above_the_limit_the_quote_waits_read_only_for_approval_and_a_send_back_makes_it_a_draft_again()
    {
        var (_, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var product = await app.Product(1000m);
        var quote = await Create(rep, new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 1, discountPercent = 15m } } });
        await Post(rep, $"/api/quotes/{quote.Id}/send", 409);

        var pending = await Post(rep, $"/api/quotes/{quote.Id}/submit");
        pending.Status.Should().Be(QuoteStatus.PendingApproval);
        await (await Put(rep, quote.Id, pending.Version, new { lines = new[] { new { productId = product, quantity = 1 } } })).ShouldBe(409);
        await (await rep.DeleteAsync($"/api/quotes/{quote.Id}")).ShouldBe(409);
        await Post(rep, $"/api/quotes/{quote.Id}/submit", 409);
        await Post(rep, $"/api/quotes/{quote.Id}/send", 409);

        await app.Decide(quote.Id, ApprovalStatus.SentBack);
        (await Get(rep, quote.Id)).Status.Should().Be(QuoteStatus.Draft);
        (await Post(rep, $"/api/quotes/{quote.Id}/submit")).Status.Should().Be(QuoteStatus.PendingApproval);
        (await Post(rep, $"/api/quotes/{quote.Id}/withdraw")).Status.Should().Be(QuoteStatus.Draft);
        await Post(rep, $"/api/quotes/{quote.Id}/submit");
        await app.Decide(quote.Id, ApprovalStatus.Approved);
        (await Get(rep, quote.Id)).Status.Should().Be(QuoteStatus.Approved);

        await Post(rep, $"/api/quotes/{quote.Id}/send");
        await Post(rep, $"/api/quotes/{quote.Id}/reject", 400, new { reason = "" });
        var rejected = await Post(rep, $"/api/quotes/{quote.Id}/reject", 200, new { reason = "价格太高" });
        (rejected.Status, rejected.RejectionReason).Should().Be((QuoteStatus.Rejected, "价格太高"));

        // A revision: same number, next revision, a draft; the old one is superseded and stays readable.
        var v2 = await Post(rep, $"/api/quotes/{quote.Id}/revise", 201);
        (v2.Number, v2.RootId, v2.Revision, v2.Status).Should().Be((quote.Number, quote.Id, 2, QuoteStatus.Draft));
        v2.Lines.Should().ContainSingle().Which.DiscountPercent.Should().Be(15m);
        var v1 = await Get(rep, quote.Id);
        v1.Status.Should().Be(QuoteStatus.Superseded);
        v1.Revisions.Select(r => r.Revision).Should().Equal(1, 2);
        await Post(rep, $"/api/quotes/{quote.Id}/revise", 409);

        var list = await (await rep.GetAsync($"/api/quotes?customerId={customer.Id}")).Read<Page<QuoteSummaryDto>>();
        list.Items.Select(i => i.Id).Should().Equal(v2.Id);
        var superseded = await (await rep.GetAsync($"/api/quotes?customerId={customer.Id}&status=superseded")).Read<Page<QuoteSummaryDto>>();
        superseded.Items.Select(i => i.Id).Should().Equal(quote.Id);
        await (await rep.GetAsync("/api/quotes?status=nonsense")).ShouldBe(400);
    }

    [Fact]
    public async Task A_quote_from_an_opportunity_is_for_its_customer_and_other_reps_see_only_number_rep_and_total()
    {
        var (admin, rep, repId) = await People();
        var customer = await rep.NewCustomer();
        var pipeline = await admin.NewPipeline(("方案报价", 50, null));
        var opportunity = await rep.NewOpportunity(customer.Id, pipeline.Id, 5000m);
        var product = await app.Product(50m);
        var quote = await Create(rep, new { opportunityId = opportunity.Id, lines = new[] { new { productId = product, quantity = 4 } } });
        (quote.CustomerId, quote.OpportunityId, quote.Title).Should().Be((customer.Id, (Guid?)opportunity.Id, opportunity.Name));
        await (await rep.PostAsJsonAsync("/api/quotes", new { opportunityId = Guid.NewGuid() }, ApiHelpers.Json)).ShouldBe(400);
        await Post(rep, $"/api/quotes/{quote.Id}/submit");

        // Another rep: 404 on the quote; the admin sees the open quote among the customer's, with its rep and total.
        var (_, other, _) = await People();
        await (await other.GetAsync($"/api/quotes/{quote.Id}")).ShouldBe(404);
        await Post(other, $"/api/quotes/{quote.Id}/send", 404);
        (await (await other.GetAsync("/api/quotes")).Read<Page<QuoteSummaryDto>>()).Items.Should().NotContain(q => q.Id == quote.Id);
        await (await other.GetAsync($"/api/quotes/open?customerId={customer.Id}")).ShouldBe(404);
        var open = await (await admin.GetAsync($"/api/quotes/open?customerId={customer.Id}")).Read<List<OtherQuoteDto>>();
        open.Should().ContainSingle(o => o.Id == quote.Id).Which.Should().Match<OtherQuoteDto>(o =>
            o.OwnerId == repId && o.GrandTotal == quote.GrandTotal && o.Status == QuoteStatus.Approved);
        (await (await rep.GetAsync($"/api/quotes/open?customerId={customer.Id}&exceptRootId={quote.Id}")).Read<List<OtherQuoteDto>>())
            .Should().BeEmpty();
        (await (await rep.GetAsync("/api/quotes?mine=true")).Read<Page<QuoteSummaryDto>>()).Items.Should().ContainSingle(q => q.Id == quote.Id);
    }

    [Fact]
    public async Task Approved_or_sent_quotes_past_their_last_valid_day_expire()
    {
        var admin = await app.AdminClient();
        var repUser = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        var rep = await app.ClientFor(repUser.Email);
        var customer = await rep.NewCustomer();
        var product = await app.Product(10m);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var quote = await Create(rep, new { customerId = customer.Id, validUntil = today.AddDays(1), lines = new[] { new { productId = product, quantity = 1 } } });
        var draft = await Create(rep, new { customerId = customer.Id, validUntil = today.AddDays(1), lines = new[] { new { productId = product, quantity = 1 } } });
        await Post(rep, $"/api/quotes/{quote.Id}/submit");
        await Post(rep, $"/api/quotes/{quote.Id}/send");

        app.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = app.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<ExpireQuotes>().RunBatch(default)).Should().BeGreaterThanOrEqualTo(1);
        var again = await app.ClientFor(repUser.Email); // the token lived 12 hours on the moved clock
        (await Get(again, quote.Id)).Status.Should().Be(QuoteStatus.Expired);
        (await Get(again, draft.Id)).Status.Should().Be(QuoteStatus.Draft);
        await Post(again, $"/api/quotes/{draft.Id}/submit", 409); // expired validity: change it or revise
    }

    [Fact]
    public async Task A_quote_made_in_Beijing_before_eight_in_the_morning_is_dated_that_day_not_the_day_before_in_UTC()
    {
        // 01:00 in Shanghai (the company calendar's zone, no preference of the rep's own) is 17:00 UTC the day before.
        var now = app.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date.AddHours(17), TimeSpan.Zero);
        if (target <= now) target = target.AddDays(1);
        app.Clock.Advance(target - now);
        var (_, rep, _) = await People();
        var customer = await rep.NewCustomer();
        var product = await app.Product(10m);
        var beijingToday = DateOnly.FromDateTime(target.UtcDateTime).AddDays(1);

        var quote = await Create(rep, new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 1 } } });

        quote.PriceDate.Should().Be(beijingToday);
        quote.ValidUntil.Should().Be(beijingToday.AddDays(SaveQuote.DefaultValidDays));
    }
}

public sealed class QuoteApiTestsOnSqlite(QuotesSqliteApp app) : QuoteApiTests(app), IClassFixture<QuotesSqliteApp>;
public sealed class QuoteApiTestsOnPostgres(QuotesPostgresApp app) : QuoteApiTests(app), IClassFixture<QuotesPostgresApp>;
