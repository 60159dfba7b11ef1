using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Modules.Quotes.Features;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Products;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Quotes;

/// <summary>
/// Per-rep discount limits through the API on both providers, with the real approval engine: an admin sets them (per
/// role, per user, If-Match); a quote above its submitter's limit that no flow catches goes to the submitter's manager
/// and cannot be sent before it is approved; a flow can test "above the submitter's limit"; the quote shows its approval.
/// </summary>
public abstract class DiscountLimitApiTests(KeqingApp app)
{
    private const string LimitStepNames = "Discount above the submitter's limit|超出折扣权限";

    private static async Task<T> Ok<T>(Task<HttpResponseMessage> call, int status = 200)
    {
        var response = await call;
        await response.ShouldBe(status);
        return await response.Read<T>();
    }

    private static Task<HttpResponseMessage> PutLimits(HttpClient admin, object body, string? ifMatch = "*")
    {
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/quote-settings/discount-limits") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) put.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return admin.SendAsync(put);
    }

    /// <summary>Reps 5 %, managers 15 %, admins none (the demo's limits).</summary>
    private static Task<DiscountLimitsDto> DemoLimits(HttpClient admin, params object[] users) =>
        Ok<DiscountLimitsDto>(PutLimits(admin, new
        {
            roles = new object[] { new { role = Roles.SalesRep, maxPercent = 5m }, new { role = Roles.SalesManager, maxPercent = 15m } }, users,
        }));

    private async Task<(HttpClient Admin, HttpClient Rep, Guid RepId, HttpClient Manager, Guid ManagerId)> Team()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (admin, await app.ClientFor(repUser.Email), repUser.Id, await app.ClientFor(managerUser.Email), managerUser.Id);
    }

    private static async Task<QuoteDto> NewQuote(HttpClient admin, HttpClient rep, decimal discount)
    {
        var customer = await rep.NewCustomer();
        var product = await admin.NewProduct(listPrice: 1000m);
        return await Ok<QuoteDto>(rep.PostAsJsonAsync("/api/quotes", new
        {
            customerId = customer.Id, title = "彩超报价", lines = new[] { new { productId = product.Id, quantity = 1, discountPercent = discount } },
        }, ApiHelpers.Json), 201);
    }

    [Fact]
    public async Task An_admin_sets_limits_per_role_and_per_user_under_if_match_and_each_seller_reads_their_own()
    {
        var (admin, rep, repId, manager, managerId) = await Team();
        await (await rep.GetAsync("/api/quote-settings/discount-limits")).ShouldBe(403);
        await (await PutLimits(rep, new { roles = Array.Empty<object>() })).ShouldBe(403);
        await (await PutLimits(admin, new { roles = Array.Empty<object>() }, ifMatch: null)).ShouldBe(428);

        var bad = await PutLimits(admin, new
        {
            roles = new object[] { new { role = "Nobody", maxPercent = 5m }, new { role = Roles.SalesRep, maxPercent = 120m },
                new { role = Roles.SalesRep, maxPercent = 1.234m } },
            users = new object[] { new { userId = Guid.NewGuid(), maxPercent = 5m }, new { userId = repId, maxPercent = -1m } },
        });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("roles[0].role").And.Contain("roles[1].maxPercent").And.Contain("roles[2].role")
            .And.Contain("roles[2].maxPercent").And.Contain("users[0].userId").And.Contain("users[1].maxPercent");

        var saved = await DemoLimits(admin, new { userId = managerId, maxPercent = (decimal?)null });
        saved.Roles.Should().Contain(new RoleDiscountLimit(Roles.SalesRep, 5m)).And.Contain(new RoleDiscountLimit(Roles.SalesManager, 15m))
            .And.Contain(new RoleDiscountLimit(Roles.Admin, null));
        saved.Users.Should().ContainSingle(u => u.UserId == managerId && u.MaxPercent == null);
        var read = await admin.GetAsync("/api/quote-settings/discount-limits");
        read.Headers.ETag!.Tag.Should().Be($"\"{saved.Version}\"");
        await (await PutLimits(admin, new { roles = Array.Empty<object>() }, ifMatch: $"\"{saved.Version - 1}\"")).ShouldBe(412);

        (await Ok<MyDiscountLimitDto>(rep.GetAsync("/api/quote-settings/discount-limits/me"))).MaxPercent.Should().Be(5m);
        (await Ok<MyDiscountLimitDto>(manager.GetAsync("/api/quote-settings/discount-limits/me"))).MaxPercent.Should().BeNull("his own: no limit");
        (await Ok<MyDiscountLimitDto>(admin.GetAsync("/api/quote-settings/discount-limits/me"))).MaxPercent.Should().BeNull();

        var changed = await Ok<DiscountLimitsDto>(PutLimits(admin, new { roles = new[] { new { role = Roles.SalesRep, maxPercent = 8m } } }, $"\"{saved.Version}\""));
        changed.Version.Should().BeGreaterThan(saved.Version);
        changed.Users.Should().BeEmpty();
        (await Ok<MyDiscountLimitDto>(rep.GetAsync("/api/quote-settings/discount-limits/me"))).MaxPercent.Should().Be(8m);
        (await Ok<MyDiscountLimitDto>(manager.GetAsync("/api/quote-settings/discount-limits/me"))).MaxPercent.Should().BeNull("no limit for managers any more");
    }

    [Fact]
    public async Task A_discount_above_the_reps_limit_that_no_flow_catches_goes_to_their_manager_and_is_sent_only_once_approved()
    {
        var (admin, rep, _, manager, managerId) = await Team();
        await DemoLimits(admin);

        var quote = await NewQuote(admin, rep, 20m);
        (await rep.GetAsync($"/api/quotes/{quote.Id}/approval")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/submit", new { }))).Status.Should().Be(QuoteStatus.PendingApproval);
        await (await rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/send", new { })).ShouldBe(409);

        var approval = await Ok<ApprovalDetailDto>(rep.GetAsync($"/api/quotes/{quote.Id}/approval"));
        approval.Request.Status.Should().Be(ApprovalStatus.Pending);
        approval.Request.CurrentStepName.Should().BeOneOf(LimitStepNames.Split('|'));
        approval.Steps.Should().ContainSingle().Which.Tasks.Should().ContainSingle(t => t.ApproverId == managerId);
        approval.WaitingFor.Should().ContainSingle();
        approval.DiscountLimitPercent.Should().Be(5m);
        approval.Log.Select(a => a.Kind).Should().Equal(ActionKind.Submitted);
        var outsider = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        await (await outsider.GetAsync($"/api/quotes/{quote.Id}/approval")).ShouldBe(404);

        var waiting = (await Ok<Page<ApprovalSummaryDto>>(manager.GetAsync("/api/approvals?mine=true&status=pending"))).Items;
        var request = waiting.Should().ContainSingle(r => r.RecordId == quote.Id).Subject;
        await Ok<ApprovalDetailDto>(manager.PostAsJsonAsync($"/api/approvals/{request.Id}/approve", new { reason = "同意" }));
        approval = await Ok<ApprovalDetailDto>(rep.GetAsync($"/api/quotes/{quote.Id}/approval"));
        (approval.Request.Status, approval.Request.CurrentStepName, approval.WaitingFor.Count).Should().Be((ApprovalStatus.Approved, null, 0));
        approval.Log.Select(a => a.Kind).Should().Equal(ActionKind.Submitted, ActionKind.Approved);
        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/send", new { }))).Status.Should().Be(QuoteStatus.Sent);

        // Within the limit: approved at once, as before.
        var small = await NewQuote(admin, rep, 5m);
        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{small.Id}/submit", new { }))).Status.Should().Be(QuoteStatus.Approved);
        // The manager's own limit is 15 %: 20 % of theirs goes up too (no manager above them: the administrators).
        var managersQuote = await NewQuote(admin, manager, 20m);
        (await Ok<QuoteDto>(manager.PostAsJsonAsync($"/api/quotes/{managersQuote.Id}/submit", new { }))).Status.Should().Be(QuoteStatus.PendingApproval);
        (await Ok<ApprovalDetailDto>(manager.GetAsync($"/api/quotes/{managersQuote.Id}/approval"))).Steps.Single().Tasks.Should().NotBeEmpty()
            .And.NotContain(t => t.ApproverId == managerId);
    }

    [Fact]
    public async Task A_flow_can_test_the_submitters_own_limit_and_then_its_steps_decide_instead()
    {
        var (admin, rep, _, _, _) = await Team();
        await DemoLimits(admin);
        var checker = await admin.CreateUser(Roles.SalesManager);
        var flow = await Ok<FlowDto>(admin.PostAsJsonAsync("/api/approval-flows", new
        {
            recordType = "quotes.quote", name = "超出个人折扣权限", active = true, discountAboveSubmitterLimit = true,
            steps = new[] { new { name = "价格管理员", approver = "users", userIds = new[] { checker.Id } } },
        }, ApiHelpers.Json), 201);
        flow.DiscountAboveSubmitterLimit.Should().BeTrue();
        try
        {
            var over = await NewQuote(admin, rep, 6m);
            await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{over.Id}/submit", new { }));
            var approval = await Ok<ApprovalDetailDto>(rep.GetAsync($"/api/quotes/{over.Id}/approval"));
            approval.Request.CurrentStepName.Should().Be("价格管理员");
            approval.Steps.Single().Tasks.Should().ContainSingle(t => t.ApproverId == checker.Id);

            var within = await NewQuote(admin, rep, 4m);
            (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{within.Id}/submit", new { }))).Status.Should().Be(QuoteStatus.Approved);
        }
        finally
        {
            await (await admin.DeleteAsync($"/api/approval-flows/{flow.Id}")).ShouldBe(204);
        }
    }

    [Fact]
    public async Task Send_refuses_an_approved_quote_above_its_submitters_limit_without_an_approved_request()
    {
        var (admin, rep, _, _, _) = await Team();
        await DemoLimits(admin);
        var quote = await NewQuote(admin, rep, 20m);
        // However it got there (an import, a data fix): approved, with no request behind it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var row = await db.Set<Quote>().SingleAsync(q => q.Id == quote.Id);
            row.Status = QuoteStatus.Approved;
            await db.SaveChangesAsync();
        }
        var refused = await rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/send", new { });
        await refused.ShouldBe(409);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("20").And.Contain("5");

        await DemoLimits(admin, new { userId = (await Ok<QuoteDto>(rep.GetAsync($"/api/quotes/{quote.Id}"))).OwnerId, maxPercent = 25m });
        (await Ok<QuoteDto>(rep.PostAsJsonAsync($"/api/quotes/{quote.Id}/send", new { }))).Status.Should().Be(QuoteStatus.Sent);
    }
}

public sealed class DiscountLimitApiTestsOnSqlite(SqliteApp app) : DiscountLimitApiTests(app), IClassFixture<SqliteApp>;
public sealed class DiscountLimitApiTestsOnPostgres(PostgresApp app) : DiscountLimitApiTests(app), IClassFixture<PostgresApp>;
