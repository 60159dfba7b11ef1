using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Modules.Todo.Contracts;
using Keqing.Tests.Approvals;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Leads;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Todo;

/// <summary>
/// The to-do centre (待办, DOMAIN C8) through the API on both providers: each module's section counted and listed for
/// its owner only (a colleague and the manager see their own to-dos, not the rep's), "today" as the user's own day at
/// 00:30 in Shanghai, sections hidden without their capability, one section paged by cursor, the home counts and
/// hostile query strings.
/// </summary>
public abstract class TodoApiTests(ApprovalsApp app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private const int ApprovalType = ApprovalsApp.TestTypes - 1;

    private sealed record Person(Guid Id, HttpClient Client);

    private sealed record Team(HttpClient Admin, Person Rep, Person Colleague, Person Manager);

    /// <summary>Moves the test clock on to 00:30 in Shanghai, two days ahead (the clock only moves forward), before anyone signs in.</summary>
    private DateTime HalfPastMidnightInShanghai()
    {
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Shanghai);
        var day = DateOnly.FromDateTime(local.DateTime).AddDays(2);
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 30)), TimeSpan.FromHours(8));
        app.Clock.SetUtcNow(at);
        return at.UtcDateTime;
    }

    private async Task<Team> NewTeam(string role = Roles.SalesRep)
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(role, team.Id);
        var colleague = await admin.CreateUser(role, team.Id);
        return new Team(admin, new Person(rep.Id, await app.ClientFor(rep.Email)), new Person(colleague.Id, await app.ClientFor(colleague.Email)),
            new Person(manager.Id, await app.ClientFor(manager.Email)));
    }

    private static async Task<TodoDto> Todo(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/me/todo{query}");
        await response.ShouldBe(200);
        return await response.Read<TodoDto>();
    }

    private static async Task<TodoSectionDto> Section(HttpClient client, string key, string query = "")
    {
        var response = await client.GetAsync($"/api/me/todo?section={key}{query}");
        await response.ShouldBe(200);
        return await response.Read<TodoSectionDto>();
    }

    private static async Task<TodoCountsDto> Counts(HttpClient client)
    {
        var response = await client.GetAsync("/api/me/todo/counts");
        await response.ShouldBe(200);
        return await response.Read<TodoCountsDto>();
    }

    private static TodoSectionDto Of(TodoDto todo, string key) => todo.Sections.Single(s => s.Key == key);

    [Fact]
    public async Task Tasks_and_promises_are_due_by_the_end_of_the_users_own_day_not_the_utc_one()
    {
        var now = HalfPastMidnightInShanghai(); // 16:30 UTC of the day before: a UTC "today" would end at 00:00 UTC, 7.5 hours on
        var t = await NewTeam();
        var customer = await t.Rep.Client.NewCustomer();
        var lateLastNight = await t.Rep.Client.Task("昨晚该回的电话", now.AddMinutes(-90), customer.Id);  // 23:00 yesterday: overdue
        var thisMorning = await t.Rep.Client.Task("上午十点拜访", now.AddHours(9.5), customer.Id);      // 10:00 today: due today
        await t.Rep.Client.Task("明天凌晨一点", now.AddHours(24.5));                                    // 01:00 tomorrow: not yet
        var fromManager = await t.Manager.Client.Task("经理交办", now.AddHours(20), customer.Id, t.Rep.Id); // 20:30 today, the rep's
        var brokenPromise = await t.Rep.Client.Promise(customer.Id, "寄送样品", now.AddDays(-1));
        var promiseToday = await t.Rep.Client.Promise(customer.Id, "发正式报价", now.AddHours(15)); // 15:30 today
        await t.Rep.Client.Promise(customer.Id, "下周演示", now.AddDays(5));
        await t.Colleague.Client.Task("同事自己的任务", now.AddHours(1));

        var todo = await Todo(t.Rep.Client);
        todo.Date.Should().Be(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Shanghai)));
        var tasks = Of(todo, "timeline.tasks");
        tasks.Count.Should().Be(3);
        tasks.Items.Select(i => i.RecordId).Should().Equal(lateLastNight.Id, thisMorning.Id, fromManager.Id);
        tasks.Items.Select(i => i.Overdue).Should().Equal(true, false, false);
        var first = tasks.Items[0];
        (first.RecordType, first.Title, first.Subtitle, first.Href).Should().Be(("timeline.task", "昨晚该回的电话", customer.Name, $"/customers/{customer.Id}/timeline"));
        first.DueAt!.Value.Should().BeCloseTo(lateLastNight.DueAt, TimeSpan.FromMilliseconds(1));
        tasks.Next.Should().BeNull();
        var promises = Of(todo, "timeline.commitments");
        promises.Count.Should().Be(2);
        promises.Items.Select(i => i.RecordId).Should().Equal(brokenPromise.Id, promiseToday.Id);
        promises.Items.Select(i => (i.Overdue, i.Subtitle, i.Href)).Should().Equal(
            (true, customer.Name, $"/customers/{customer.Id}/timeline"), (false, customer.Name, $"/customers/{customer.Id}/timeline"));

        // A to-do list is personal: the colleague sees their own task only, the manager (who gave the rep a task) none.
        var colleague = await Todo(t.Colleague.Client);
        Of(colleague, "timeline.tasks").Items.Select(i => i.Title).Should().Equal("同事自己的任务");
        Of(colleague, "timeline.commitments").Count.Should().Be(0);
        var manager = await Todo(t.Manager.Client);
        Of(manager, "timeline.tasks").Count.Should().Be(0);
        Of(manager, "timeline.commitments").Count.Should().Be(0);

        // The home page's counts are the same numbers, in the same order, with their sum.
        var counts = await Counts(t.Rep.Client);
        counts.Sections.Select(s => s.Key).Should().Equal(todo.Sections.Select(s => s.Key));
        counts.Sections.Select(s => s.Count).Should().Equal(todo.Sections.Select(s => s.Count));
        counts.Total.Should().Be(todo.Sections.Sum(s => s.Count));
        counts.Sections.Single(s => s.Key == "timeline.tasks").Count.Should().Be(3);

        // Done work leaves the list.
        await (await t.Rep.Client.PostAsync($"/api/tasks/{thisMorning.Id}/complete", null)).ShouldBe(200);
        (await Counts(t.Rep.Client)).Sections.Single(s => s.Key == "timeline.tasks").Count.Should().Be(2);
    }

    [Fact]
    public async Task Approvals_waiting_are_the_approvers_and_leave_when_decided()
    {
        HalfPastMidnightInShanghai();
        var t = await NewTeam();
        var flow = await t.Admin.PostAsJsonAsync("/api/approval-flows", new
        {
            recordType = ApprovalsApp.TypeKey(ApprovalType), name = ApiHelpers.Unique("流程"), active = true,
            steps = new[] { new { name = "经理审批", approver = "users", userIds = new[] { t.Manager.Id }, mode = "any" } },
        });
        await flow.ShouldBe(201);
        ApprovalState first, second;
        using (var scope = app.Services.CreateScope())
        {
            var approvals = scope.ServiceProvider.GetRequiredService<IApprovals>();
            ApprovalSubmission Submission(string title) => new(ApprovalsApp.TypeKey(ApprovalType), Guid.NewGuid(), t.Rep.Id, title, "/quotes/x",
                new ApprovalFacts(5m, Money.Of(1000m), "A", null));
            first = await approvals.Submit(Submission("报价 Q-待办-1"), TestContext.Current.CancellationToken);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            second = await approvals.Submit(Submission("报价 Q-待办-2"), TestContext.Current.CancellationToken);
        }

        var waiting = Of(await Todo(t.Manager.Client), "approvals.waiting");
        waiting.Count.Should().Be(2);
        waiting.Items.Select(i => (i.RecordId, i.Title, i.Href, i.Overdue, i.DueAt)).Should().Equal(
            (first.RequestId, "报价 Q-待办-1", $"/approvals/{first.RequestId}", false, (DateTime?)null),
            (second.RequestId, "报价 Q-待办-2", $"/approvals/{second.RequestId}", false, (DateTime?)null));
        Of(await Todo(t.Rep.Client), "approvals.waiting").Count.Should().Be(0); // the submitter waits, but decides nothing
        Of(await Todo(t.Colleague.Client), "approvals.waiting").Count.Should().Be(0);

        await (await t.Manager.Client.PostAsJsonAsync($"/api/approvals/{first.RequestId}/approve", new { reason = "同意" })).ShouldBe(200);
        (await Counts(t.Manager.Client)).Sections.Single(s => s.Key == "approvals.waiting").Count.Should().Be(1);
    }

    [Fact]
    public async Task Leads_past_their_respond_by_time_are_the_owners_until_answered()
    {
        var now = HalfPastMidnightInShanghai();
        var t = await NewTeam();
        var late = await LeadApiTests.Create(t.Rep.Client, new { name = "王建国", company = ApiHelpers.Unique("医疗器械") });
        var later = await LeadApiTests.Create(t.Rep.Client, new { name = "李梅", company = ApiHelpers.Unique("生物科技") });
        var answered = await LeadApiTests.Create(t.Rep.Client, new { name = "赵强" });
        var notYet = await LeadApiTests.Create(t.Rep.Client, new { name = "孙丽" });
        var colleagues = await LeadApiTests.Create(t.Colleague.Client, new { name = "周伟" });
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            async Task Respond(Guid id, DateTime by, DateTime? answeredAt = null) =>
                await db.Set<Lead>().Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.RespondBy, by)
                    .SetProperty(l => l.FirstRespondedAt, answeredAt), TestContext.Current.CancellationToken);
            await Respond(late.Id, now.AddHours(-5));
            await Respond(later.Id, now.AddHours(-1));
            await Respond(answered.Id, now.AddHours(-5), now.AddHours(-6));
            await Respond(notYet.Id, now.AddHours(2));
            await Respond(colleagues.Id, now.AddHours(-5));
        }

        var leads = Of(await Todo(t.Rep.Client), "leads.overdue");
        leads.Count.Should().Be(2);
        leads.Items.Select(i => (i.RecordId, i.Title, i.Href, i.Overdue)).Should().Equal(
            (late.Id, "王建国", $"/leads/{late.Id}", true), (later.Id, "李梅", $"/leads/{later.Id}", true));
        leads.Items[0].Subtitle.Should().StartWith("医疗器械");
        Of(await Todo(t.Colleague.Client), "leads.overdue").Items.Select(i => i.RecordId).Should().Equal(colleagues.Id);
        Of(await Todo(t.Manager.Client), "leads.overdue").Count.Should().Be(0);
    }

    [Fact]
    public async Task Quotes_expiring_within_seven_days_of_the_users_day()
    {
        var now = HalfPastMidnightInShanghai();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Shanghai)); // a day after the UTC date
        var t = await NewTeam();
        var customer = await t.Rep.Client.NewCustomer();
        Guid Add(Guid owner, QuoteStatus status, DateOnly validUntil, string title, KeqingDb db)
        {
            var id = Guid.NewGuid();
            db.Add(new Quote
            {
                Id = id, RootId = id, Number = ApiHelpers.Unique("Q"), CustomerId = customer.Id, Title = title, ValidUntil = validUntil,
                PriceDate = today, Status = status, OwnerId = owner, CreatedAt = now, UpdatedAt = now,
                Subtotal = Money.Of(0m), DiscountTotal = Money.Of(0m), NetTotal = Money.Of(0m), TaxTotal = Money.Of(0m), GrandTotal = Money.Of(0m),
            });
            return id;
        }
        Guid lastDay, inThree;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            lastDay = Add(t.Rep.Id, QuoteStatus.Approved, today, "今天最后有效", db);
            inThree = Add(t.Rep.Id, QuoteStatus.Sent, today.AddDays(3), "三天后到期", db);
            Add(t.Rep.Id, QuoteStatus.Sent, today.AddDays(8), "八天后到期", db);
            Add(t.Rep.Id, QuoteStatus.Draft, today.AddDays(1), "草稿", db);
            Add(t.Rep.Id, QuoteStatus.Sent, today.AddDays(-1), "昨天已过期", db);
            Add(t.Colleague.Id, QuoteStatus.Sent, today.AddDays(2), "同事的报价", db);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var quotes = Of(await Todo(t.Rep.Client), "quotes.expiring");
        quotes.Count.Should().Be(2);
        quotes.Items.Select(i => (i.RecordId, i.Title, i.Href, i.Overdue)).Should().Equal(
            (lastDay, "今天最后有效", $"/quotes/{lastDay}", false), (inThree, "三天后到期", $"/quotes/{inThree}", false));
        // Due at the end of its last valid day in the user's zone: midnight in Shanghai is 16:00 UTC.
        quotes.Items[0].DueAt.Should().Be(today.ToDateTime(TimeOnly.MinValue).AddHours(16));
        Of(await Todo(t.Manager.Client), "quotes.expiring").Count.Should().Be(0);
        Of(await Todo(t.Colleague.Client), "quotes.expiring").Count.Should().Be(1);
    }

    [Fact]
    public async Task Sections_without_the_capability_are_not_shown_nor_readable()
    {
        HalfPastMidnightInShanghai();
        var t = await NewTeam(Roles.ServiceAgent);
        var todo = await Todo(t.Rep.Client);
        todo.Sections.Select(s => s.Key).Should().Equal("timeline.tasks", "timeline.commitments", "approvals.waiting", "sla.at-risk", "return-visits.due");
        (await Counts(t.Rep.Client)).Sections.Select(s => s.Key).Should().Equal("timeline.tasks", "timeline.commitments", "approvals.waiting", "sla.at-risk", "return-visits.due");
        var refused = await t.Rep.Client.GetAsync("/api/me/todo?section=leads.overdue");
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("section");

        var sales = await Todo(t.Manager.Client);
        sales.Sections.Select(s => s.Key).Should().Equal("timeline.tasks", "timeline.commitments", "approvals.waiting", "pools.returning", "leads.overdue", "quotes.expiring", "return-visits.due");
        sales.Sections.Should().OnlyContain(s => s.Title.Length > 0);
    }

    [Fact]
    public async Task One_section_pages_by_cursor_and_a_cursor_not_issued_is_400()
    {
        var now = HalfPastMidnightInShanghai();
        var t = await NewTeam();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await t.Rep.Client.Task($"逾期任务 {i}", now.AddHours(-10 + i))).Id);
        ids.Add((await t.Rep.Client.Task("同一时刻", now.AddHours(-10))).Id); // a tie on the due time: the id decides
        var expected = ids.Select((id, i) => (id, due: i == 5 ? now.AddHours(-10) : now.AddHours(-10 + i)))
            .OrderBy(x => x.due).Select(x => x.id).ToList();

        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Section(t.Rep.Client, "timeline.tasks", $"&limit=2{(after is null ? "" : "&after=" + after)}");
            page.Count.Should().Be(6);
            page.Items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(i => i.RecordId));
            after = page.Next;
            pages++;
        } while (after is not null);
        pages.Should().Be(3);
        seen.Should().OnlyHaveUniqueItems().And.HaveCount(6);
        seen.Take(2).Should().BeEquivalentTo(expected.Take(2)); // the tie: in the provider's id order
        seen.Skip(2).Should().Equal(expected.Skip(2));
        (await Todo(t.Rep.Client, "?limit=4")).Sections[0].Items.Should().HaveCount(4);

        await (await t.Rep.Client.GetAsync("/api/me/todo?section=timeline.tasks&after=not-a-cursor")).ShouldBe(400);
        await (await t.Rep.Client.GetAsync("/api/me/todo?section=timeline.tasks&after=eyJkdWVBdCI6Inllc3RlcmRheSIsImlkIjoieCJ9")).ShouldBe(400);
        await (await t.Rep.Client.GetAsync("/api/me/todo?after=eyJ4Ijp0cnVlfQ")).ShouldBe(400);
        await (await t.Rep.Client.GetAsync("/api/me/todo?section=nobody.knows")).ShouldBe(400);
        await (await t.Rep.Client.GetAsync("/api/me/todo?section=timeline.tasks&limit=0")).ShouldBe(400);
        await (await t.Rep.Client.GetAsync("/api/me/todo?limit=-1")).ShouldBe(400);
    }
}

public sealed class TodoApiTestsOnSqlite(SqliteApprovalsApp app) : TodoApiTests(app), IClassFixture<SqliteApprovalsApp>;
public sealed class TodoApiTestsOnPostgres(PostgresApprovalsApp app) : TodoApiTests(app), IClassFixture<PostgresApprovalsApp>;
