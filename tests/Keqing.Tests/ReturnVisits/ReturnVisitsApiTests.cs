using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.ReturnVisits.Features;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Todo.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Orders;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.ReturnVisits;

/// <summary>
/// Return visits through the API on both providers (DOMAIN C9, 回访): scheduling after an order and a closed case on a
/// fake clock, one per order or case, due and overdue, answers checked against the form version, versions kept for done
/// visits, record access, cancel, the timeline entry, the to-do section and the report's figures.
/// </summary>
public abstract class ReturnVisitsApiTests(ClockedKeqingApp app)
{
    private sealed record People(HttpClient Admin, HttpClient Manager, string RepEmail, HttpClient Rep, Guid RepId, HttpClient Rep2,
        HttpClient OtherManager, string AgentEmail, HttpClient Agent, Guid AgentId);

    private static readonly object AnyGradeForm = new
    {
        name = "售后回访（通用）", grade = (string?)null,
        questions = new object[]
        {
            new { key = "q1", text = "对本次服务满意吗？", kind = "score", required = true, scale = "1-5" },
            new { key = "q2", text = "问题是否已解决？", kind = "singleChoice", required = true, choices = new[] { "是", "否" } },
            new { key = "q3", text = "哪些方面需要改进？", kind = "multipleChoice", choices = new[] { "送货", "安装", "培训" } },
            new { key = "q4", text = "其他意见", kind = "text" },
        },
    };

    /// <summary>Rules and the any-grade form every test here counts on (the same each time), and a team.</summary>
    private async Task<People> Setup()
    {
        var admin = await app.AdminClient();
        await admin.SetRules(new { grade = (string?)null, daysAfterOrder = 7, daysAfterCase = 3, channel = "phone" },
            new { grade = "B", daysAfterOrder = (int?)null, daysAfterCase = (int?)null, channel = "phone" });
        var forms = await (await admin.GetAsync("/api/return-visit-forms")).Read<List<FormDto>>();
        if (!forms.Any(f => f.Grade is null && f.Active)) await admin.NewForm(AnyGradeForm);
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep2 = await admin.CreateUser(Roles.SalesRep, team.Id);
        var otherManager = await admin.CreateUser(Roles.SalesManager);
        await admin.CreateTeam(managerId: otherManager.Id);
        var agent = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        return new People(admin, await app.ClientFor(manager.Email), rep.Email, await app.ClientFor(rep.Email), rep.Id, await app.ClientFor(rep2.Email),
            await app.ClientFor(otherManager.Email), agent.Email, await app.ClientFor(agent.Email), agent.Id);
    }

    private async Task<OrderDto> PlaceOrder(HttpClient client, Guid customerId)
    {
        var data = new OrderData(app);
        var product = await data.Product(100m, 60m);
        await data.CustomerPrices(customerId, (product, 95m));
        var response = await client.PostAsJsonAsync("/api/orders", new { customerId, lines = new[] { new { productId = product, quantity = 2 } } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<OrderDto>();
    }

    private async Task<int> StoredCount(Guid sourceId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<ReturnVisit>().CountAsync(v => v.SourceId == sourceId);
    }

    [Fact]
    public async Task An_order_schedules_a_return_visit_for_the_customers_owner_that_falls_due_goes_overdue_and_is_done_onto_the_timeline()
    {
        var p = await Setup();
        var customer = await p.Rep.NewCustomer();
        var order = await PlaceOrder(p.Rep, customer.Id);

        var v = (await p.Rep.ReturnVisits($"customerId={customer.Id}")).Items.Should().ContainSingle().Which;
        (v.Source, v.SourceNumber, v.OwnerId, v.Status, v.State, v.Channel).Should()
            .Be((ReturnVisitSource.Order, order.Number, p.RepId, ReturnVisitStatus.Open, ReturnVisitState.Upcoming, ReturnVisitChannel.Phone));
        v.DueAt.Should().Be(order.CreatedAt.AddDays(7));
        (await p.Rep.ReturnVisits($"state=due&customerId={customer.Id}")).Items.Should().BeEmpty();

        app.Clock.Advance(TimeSpan.FromDays(7));
        var rep = await app.ClientFor(p.RepEmail); // the sign-in cookie has expired on the test clock
        (await rep.ReturnVisits($"state=due&scope=mine&customerId={customer.Id}")).Items.Should().ContainSingle(x => x.Id == v.Id && x.State == ReturnVisitState.Due);
        var todo = await (await rep.GetAsync("/api/me/todo")).Read<TodoDto>();
        todo.Sections.Should().ContainSingle(s => s.Key == "return-visits.due").Which.Items.Should().Contain(i => i.RecordId == v.Id && i.Href == $"/return-visits/{v.Id}");

        app.Clock.Advance(TimeSpan.FromDays(1));
        rep = await app.ClientFor(p.RepEmail);
        (await rep.ReturnVisits($"state=overdue&customerId={customer.Id}")).Items.Should().ContainSingle(x => x.Id == v.Id);
        var detail = await rep.ReturnVisit(v.Id);
        (detail.State, detail.FormName, detail.Questions.Count).Should().Be((ReturnVisitState.Overdue, "售后回访（通用）", 4));

        var done = await rep.Complete(detail, new object[]
        {
            new { key = "q1", score = 4 }, new { key = "q2", choices = new[] { "是" } }, new { key = "q3", choices = new[] { "安装", "送货" } },
        }, note: "客户希望下次提前预约");
        (done.Status, done.State, done.OnTime, done.FormVersionId).Should().Be((ReturnVisitStatus.Done, ReturnVisitState.Done, false, detail.FormVersionId));
        done.Answers.Select(a => a.Key).Should().Equal("q1", "q2", "q3");
        done.Answers.Single(a => a.Key == "q3").Choices.Should().Equal("送货", "安装");
        await (await rep.PostIfMatch($"/api/return-visits/{v.Id}/complete", done.Version, new { answers = Array.Empty<object>() })).ShouldBe(409);

        var entry = (await rep.Timeline(customer.Id)).Items.Should().ContainSingle(e => e.SourceModule == "return-visits").Which;
        (entry.Type, entry.Channel, entry.SourceId, entry.UserId).Should().Be(("return-visit", "call", v.Id, (Guid?)p.RepId));
        entry.Summary.Should().Contain("对本次服务满意吗？: 4").And.Contain("送货、安装").And.Contain("客户希望下次提前预约");
    }

    [Fact]
    public async Task A_closed_case_schedules_one_return_visit_for_its_agent_and_repeated_events_schedule_no_second()
    {
        var p = await Setup();
        var customer = await p.Rep.NewCustomer();
        var c = await p.Agent.NewCase(customer.Id);
        await (await p.Agent.Act(c.Id, "close")).ShouldBe(200);
        var closedAt = app.Clock.GetUtcNow().UtcDateTime;

        var v = (await p.Agent.ReturnVisits("scope=mine")).Items.Should().ContainSingle(x => x.CustomerId == customer.Id).Which;
        (v.Source, v.SourceNumber, v.OwnerId, v.DueAt).Should().Be((ReturnVisitSource.Case, c.Number, p.AgentId, closedAt.AddDays(3)));
        // Not the customer's owner's: the agent does a case's return visit.
        (await p.Rep.ReturnVisits($"customerId={customer.Id}")).Items.Should().BeEmpty();

        var order = await PlaceOrder(p.Rep, customer.Id);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<ScheduleReturnVisits>();
            for (var i = 0; i < 2; i++)
            {
                await handler.Handle(new CaseClosed(c.Id, null, closedAt), default);
                await handler.Handle(new OrderPlaced(order.Id, order.Number, customer.Id, p.RepId, order.CreatedAt), default);
            }
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        }
        (await StoredCount(c.Id), await StoredCount(order.Id)).Should().Be((1, 1));

        // A grade whose rule is off schedules nothing.
        var gradeB = await p.Admin.NewCustomer(grade: "B");
        var offOrder = await PlaceOrder(p.Admin, gradeB.Id);
        (await StoredCount(offOrder.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Answers_are_checked_against_the_form_and_bad_ones_are_400s_naming_each_answer()
    {
        var p = await Setup();
        var customer = await p.Rep.NewCustomer();
        await PlaceOrder(p.Rep, customer.Id);
        var v = await p.Rep.ReturnVisit((await p.Rep.ReturnVisits($"customerId={customer.Id}")).Items.Single().Id);
        var url = $"/api/return-visits/{v.Id}/complete";

        var missing = await p.Rep.PostIfMatch(url, v.Version, new { answers = new object[] { new { key = "q4", text = "无" } } });
        await missing.ShouldBe(400);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("answers.q1").And.Contain("answers.q2").And.NotContain("answers.q3");

        var bad = await p.Rep.PostIfMatch(url, v.Version, new
        {
            answers = new object[]
            {
                new { key = "q1", score = 6 }, new { key = "q2", choices = new[] { "也许" } }, new { key = "q3", choices = new[] { "送货", "售后" } },
                new { key = "q9", text = "多余" },
            },
        });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("answers.q1").And.Contain("answers.q2").And.Contain("answers.q3").And.Contain("answers.q9");

        var twoForOne = await p.Rep.PostIfMatch(url, v.Version, new { answers = new object[] { new { key = "q1", score = 0 }, new { key = "q2", choices = new[] { "是", "否" } } } });
        await twoForOne.ShouldBe(400);
        (await twoForOne.Content.ReadAsStringAsync()).Should().Contain("answers.q1").And.Contain("answers.q2");

        await (await p.Rep.PostIfMatch(url, null, new { answers = Array.Empty<object>() })).ShouldBe(428);
        await (await p.Rep.PostIfMatch(url, v.Version + 5, new { answers = Array.Empty<object>() })).ShouldBe(412);
        (await p.Rep.ReturnVisit(v.Id)).Status.Should().Be(ReturnVisitStatus.Open);

        var noReason = await p.Rep.PostIfMatch($"/api/return-visits/{v.Id}/cancel", v.Version, new { reason = " " });
        await noReason.ShouldBe(400);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("reason");
        var cancelled = await p.Rep.PostIfMatch($"/api/return-visits/{v.Id}/cancel", v.Version, new { reason = "客户要求不再回访" });
        await cancelled.ShouldBe(200);
        (await cancelled.Read<ReturnVisitDto>()).Should().Match<ReturnVisitDto>(x => x.Status == ReturnVisitStatus.Cancelled && x.CancelReason == "客户要求不再回访");
        (await p.Rep.ReturnVisits($"state=cancelled&customerId={customer.Id}")).Items.Should().ContainSingle(x => x.Id == v.Id);
        await (await p.Rep.GetAsync("/api/return-visits?state=someday")).ShouldBe(400);
    }

    [Fact]
    public async Task A_return_visit_is_seen_by_its_owner_their_manager_and_admin_and_is_404_for_anyone_else()
    {
        var p = await Setup();
        var customer = await p.Rep.NewCustomer();
        await PlaceOrder(p.Rep, customer.Id);
        var v = (await p.Rep.ReturnVisits($"customerId={customer.Id}")).Items.Single();

        await (await p.Rep2.GetAsync($"/api/return-visits/{v.Id}")).ShouldBe(404);
        await (await p.Rep2.PostIfMatch($"/api/return-visits/{v.Id}/cancel", v.Version, new { reason = "x" })).ShouldBe(404);
        await (await p.OtherManager.GetAsync($"/api/return-visits/{v.Id}")).ShouldBe(404);
        (await p.Rep2.ReturnVisits($"customerId={customer.Id}")).Items.Should().BeEmpty();
        (await p.OtherManager.ReturnVisits($"customerId={customer.Id}")).Items.Should().BeEmpty();

        (await p.Manager.ReturnVisit(v.Id)).OwnerId.Should().Be(p.RepId);
        (await p.Manager.ReturnVisits($"customerId={customer.Id}")).Items.Should().ContainSingle(x => x.Id == v.Id);
        (await p.Manager.ReturnVisits($"scope=mine&customerId={customer.Id}")).Items.Should().BeEmpty();
        (await p.Admin.ReturnVisit(v.Id)).Id.Should().Be(v.Id);
        // Forms and rules are the admin's; the report is not a rep's.
        await (await p.Rep.GetAsync("/api/return-visit-forms")).ShouldBe(403);
        await (await p.Rep.GetAsync("/api/return-visits/report")).ShouldBe(403);
    }

    [Fact]
    public async Task Editing_a_form_a_done_visit_used_starts_a_version_and_the_done_visit_keeps_its_questions()
    {
        var p = await Setup();
        await p.Admin.SetRules(new { grade = "D", daysAfterOrder = 2, daysAfterCase = (int?)null, channel = "inPerson" });
        var forms = await (await p.Admin.GetAsync("/api/return-visit-forms")).Read<List<FormDto>>();
        var form = forms.FirstOrDefault(f => f.Grade == Keqing.Modules.Customers.Contracts.CustomerGrade.D && f.Active)
            ?? await p.Admin.NewForm(new { name = "D 级客户回访", grade = "D", questions = new object[] { new { key = "nps", text = "您愿意向同行推荐我们吗？", kind = "score", required = true, scale = "0-10" } } });

        var dupe = await p.Admin.PostAsJsonAsync("/api/return-visit-forms", new { name = "第二个 D", grade = "D", questions = new object[] { new { text = "x", kind = "text" } } }, ApiHelpers.Json);
        await dupe.ShouldBe(409);
        var badForm = await p.Admin.PostAsJsonAsync("/api/return-visit-forms", new
        {
            name = "", grade = "A", active = false,
            questions = new object[] { new { text = "", kind = "singleChoice", choices = new[] { "只有一个" } }, new { text = "分数", kind = "score" } },
        }, ApiHelpers.Json);
        await badForm.ShouldBe(400);
        (await badForm.Content.ReadAsStringAsync()).Should().Contain("\"name\"").And.Contain("questions[0].text").And.Contain("questions[0].choices").And.Contain("questions[1].scale");

        var customer = await p.Admin.NewCustomer(grade: "D");
        await PlaceOrder(p.Admin, customer.Id);
        var v = await p.Admin.ReturnVisit((await p.Admin.ReturnVisits($"customerId={customer.Id}")).Items.Single().Id);
        (v.Channel, v.FormId, v.Questions.Count).Should().Be((ReturnVisitChannel.InPerson, form.Id, form.Questions.Count));
        var tooHigh = await p.Admin.PostIfMatch($"/api/return-visits/{v.Id}/complete", v.Version, new { answers = new object[] { new { key = form.Questions[0].Key, score = 11 } } });
        await tooHigh.ShouldBe(400);
        (await tooHigh.Content.ReadAsStringAsync()).Should().Contain($"answers.{form.Questions[0].Key}");
        var done = await p.Admin.Complete(v, new object[] { new { key = form.Questions[0].Key, score = 9 } });
        done.OnTime.Should().BeTrue();

        var current = await (await p.Admin.GetAsync($"/api/return-visit-forms/{form.Id}")).Read<FormDto>();
        var changed = await p.Admin.PutIfMatch($"/api/return-visit-forms/{form.Id}", current.Version, new
        {
            name = current.Name, grade = "D",
            questions = current.Questions.Select(q => (object)new { q.Key, q.Text, kind = "score", q.Required, scale = "0-10" })
                .Append(new { key = "why", text = "主要原因", kind = "text", required = false }).ToArray(),
        });
        await changed.ShouldBe(200);
        var next = await changed.Read<FormDto>();
        (next.VersionNumber, next.Questions.Count).Should().Be((current.VersionNumber + 1, current.Questions.Count + 1));
        next.VersionId.Should().NotBe(current.VersionId);

        var kept = await p.Admin.ReturnVisit(v.Id);
        (kept.FormVersionId, kept.Questions.Count, kept.Answers.Single().Score).Should().Be((current.VersionId, current.Questions.Count, (int?)9));
        var second = await p.Admin.NewCustomer(grade: "D");
        await PlaceOrder(p.Admin, second.Id);
        var fresh = await p.Admin.ReturnVisit((await p.Admin.ReturnVisits($"customerId={second.Id}")).Items.Single().Id);
        (fresh.FormVersionId, fresh.Questions.Count).Should().Be((next.VersionId, next.Questions.Count));
    }

    [Fact]
    public async Task The_report_counts_done_and_on_time_visits_by_month_averages_scores_and_counts_choices()
    {
        var p = await Setup();
        await p.Admin.SetRules(new { grade = "C", daysAfterOrder = 1, daysAfterCase = (int?)null, channel = "phone" });
        var form = await p.Admin.NewForm(new
        {
            name = ApiHelpers.Unique("C 级回访"), grade = "C",
            questions = new object[]
            {
                new { key = "score", text = "满意度", kind = "score", required = true, scale = "1-5" },
                new { key = "how", text = "送货速度", kind = "singleChoice", required = true, choices = new[] { "快", "一般", "慢" } },
                new { key = "say", text = "建议", kind = "text" },
            },
        });
        var first = await p.Admin.NewCustomer(grade: "C");
        var second = await p.Admin.NewCustomer(grade: "C");
        await PlaceOrder(p.Admin, first.Id);
        await PlaceOrder(p.Admin, second.Id);
        var from = app.Clock.GetUtcNow().UtcDateTime;
        var v1 = await p.Admin.ReturnVisit((await p.Admin.ReturnVisits($"customerId={first.Id}")).Items.Single().Id);
        var v2 = await p.Admin.ReturnVisit((await p.Admin.ReturnVisits($"customerId={second.Id}")).Items.Single().Id);
        await p.Admin.Complete(v1, new object[] { new { key = "score", score = 4 }, new { key = "how", choices = new[] { "快" } } });
        app.Clock.Advance(TimeSpan.FromDays(3));
        var admin = await app.AdminClient();
        await admin.Complete(v2, new object[] { new { key = "score", score = 5 }, new { key = "how", choices = new[] { "一般" } }, new { key = "say", text = "希望提前电话通知" } });
        var to = app.Clock.GetUtcNow().UtcDateTime;

        var response = await admin.GetAsync($"/api/return-visits/report?from={from:yyyy-MM}&to={to:yyyy-MM}&formId={form.Id}");
        await response.ShouldBe(200);
        var report = (await response.Read<ReportDto>()).Forms.Should().ContainSingle().Which;
        (report.FormId, report.Done, report.OnTime, report.OnTimePercent).Should().Be((form.Id, 2, 1, (decimal?)50.0m));
        report.Months.Sum(m => m.Done).Should().Be(2);
        report.Months.Select(m => m.Month).Should().Contain(from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        var score = report.Questions.Single(q => q.Key == "score");
        (score.Answered, score.Average).Should().Be((2, (decimal?)4.5m));
        report.Questions.Single(q => q.Key == "how").Choices.Should().BeEquivalentTo(new Dictionary<string, int> { ["快"] = 1, ["一般"] = 1, ["慢"] = 0 });
        report.Questions.Should().NotContain(q => q.Key == "say");

        await (await admin.GetAsync("/api/return-visits/report?from=2026-13")).ShouldBe(400);
        await (await admin.GetAsync("/api/return-visits/report?from=2026-12&to=2026-01")).ShouldBe(400);
        var manager = await app.ClientFor((await admin.CreateUser(Roles.SalesManager)).Email);
        (await (await manager.GetAsync($"/api/return-visits/report?formId={form.Id}")).Read<ReportDto>()).Forms.Should().BeEmpty();
    }

    [Fact]
    public async Task Open_return_visits_move_with_a_hand_over_and_all_move_with_a_customer_merge()
    {
        var p = await Setup();
        var customer = await p.Rep.NewCustomer();
        await PlaceOrder(p.Rep, customer.Id);
        await PlaceOrder(p.Rep, customer.Id);
        var both = (await p.Rep.ReturnVisits($"customerId={customer.Id}")).Items;
        both.Should().HaveCount(2);
        var done = await p.Rep.Complete(await p.Rep.ReturnVisit(both[0].Id), new object[] { new { key = "q1", score = 5 }, new { key = "q2", choices = new[] { "是" } } });
        var heir = await p.Admin.CreateUser(Roles.SalesRep);
        await (await p.Admin.PostAsJsonAsync("/api/handovers", new { fromUserId = p.RepId, toUserIds = new[] { heir.Id } }, ApiHelpers.Json)).ShouldBe(201);
        (await p.Admin.ReturnVisit(both[1].Id)).OwnerId.Should().Be(heir.Id);
        (await p.Admin.ReturnVisit(done.Id)).OwnerId.Should().Be(p.RepId);

        var survivor = await p.Admin.NewCustomer();
        var merged = await p.Admin.NewCustomer();
        await PlaceOrder(p.Admin, merged.Id);
        var onMerged = (await p.Admin.ReturnVisits($"customerId={merged.Id}")).Items.Single();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor.Id}/merge") { Content = JsonContent.Create(new { otherIds = new[] { merged.Id } }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{survivor.Version}\""));
        await (await p.Admin.SendAsync(request)).ShouldBe(200);
        (await p.Admin.ReturnVisit(onMerged.Id)).CustomerId.Should().Be(survivor.Id);
    }
}

public sealed class ReturnVisitsApiTestsOnSqlite(SqliteClockedApp app) : ReturnVisitsApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class ReturnVisitsApiTestsOnPostgres(PostgresClockedApp app) : ReturnVisitsApiTests(app), IClassFixture<PostgresClockedApp>;
