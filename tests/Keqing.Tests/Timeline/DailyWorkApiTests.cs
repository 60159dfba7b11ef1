using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Timeline;

/// <summary>Changing a task (PUT /api/tasks/{id}) and My Day's customers due, overdue longest first with a phone, on both providers.</summary>
public abstract class DailyWorkApiTests(KeqingApp app)
{
    private static HttpRequestMessage Put(string url, object body, long? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return request;
    }

    [Fact]
    public async Task A_task_is_changed_under_if_match_its_entry_follows_and_its_customer_stays()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var mate = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep = await app.ClientFor(repUser.Email);
        var customer = await rep.NewCustomer();
        var other = await rep.NewCustomer();
        var task = await rep.Task("准备报价", DateTime.UtcNow.AddDays(1), customer.Id);
        var due = DateTime.UtcNow.AddDays(3);
        var body = new { title = "准备正式报价", dueAt = due, customerId = customer.Id, remindAt = due.AddHours(-1) };

        await (await rep.SendAsync(Put($"/api/tasks/{task.Id}", body, null))).ShouldBe(428);
        await (await rep.SendAsync(Put($"/api/tasks/{task.Id}", body, task.Version + 3))).ShouldBe(412);
        await (await rep.SendAsync(Put($"/api/tasks/{task.Id}", new { title = "x", dueAt = due, customerId = other.Id }, task.Version))).ShouldBe(400);
        await (await rep.SendAsync(Put($"/api/tasks/{task.Id}", new { title = "x", dueAt = due, customerId = customer.Id, assigneeId = mate.Id }, task.Version)))
            .ShouldBe(400); // a rep gives nobody else a task, on a change either
        var changed = await (await rep.SendAsync(Put($"/api/tasks/{task.Id}", body, task.Version))).Read<TaskDto>();
        changed.Title.Should().Be("准备正式报价");
        changed.DueAt.Should().BeCloseTo(due, TimeSpan.FromSeconds(1));
        changed.RemindAt.Should().BeCloseTo(due.AddHours(-1), TimeSpan.FromSeconds(1));
        changed.Version.Should().Be(task.Version + 1);
        (await (await rep.GetAsync($"/api/tasks/{task.Id}")).Read<TaskDto>()).Title.Should().Be("准备正式报价");
        (await rep.Timeline(customer.Id, "?type=task")).Items.Single().Title.Should().Contain("准备正式报价");

        var stranger = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        await (await stranger.GetAsync($"/api/tasks/{task.Id}")).ShouldBe(404);
        await (await stranger.SendAsync(Put($"/api/tasks/{task.Id}", body, changed.Version))).ShouldBe(404);
        var managerClient = await app.ClientFor(manager.Email);
        var reassigned = await (await managerClient.SendAsync(Put($"/api/tasks/{task.Id}",
            new { title = "准备正式报价", dueAt = due, customerId = customer.Id, assigneeId = mate.Id }, changed.Version))).Read<TaskDto>();
        reassigned.AssigneeId.Should().Be(mate.Id);

        await (await managerClient.PostAsync($"/api/tasks/{task.Id}/complete", null)).ShouldBe(200);
        var done = await (await managerClient.GetAsync($"/api/tasks/{task.Id}")).Read<TaskDto>();
        await (await managerClient.SendAsync(Put($"/api/tasks/{task.Id}", body, done.Version))).ShouldBe(409);
    }

    [Fact]
    public async Task Customers_due_come_overdue_longest_first_paged_with_the_phone_to_call()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep = await app.ClientFor(repUser.Email);
        var managerClient = await app.ClientFor(manager.Email);
        async Task<Guid> Customer(string name, string grade, string phone) => (await CustomerApiTests.Create(managerClient,
            new { kind = "organization", name = ApiHelpers.Unique(name), grade, ownerId = repUser.Id, phones = new[] { phone } })).Id;
        var recent = await Customer("近期", "A", "13800000001");   // A: every 14 days; last contact 20 days ago → 6 days overdue
        var longAgo = await Customer("很久", "B", "13800000002");  // B: every 30 days; last contact 100 days ago → 70 days overdue
        var never = await Customer("从未", "C", "0755-12345678"); // never contacted: first
        var fresh = await Customer("刚联系", "A", "13800000004");  // contacted yesterday: not due
        await rep.Log(recent, "回访", "call", DateTime.UtcNow.AddDays(-20));
        await rep.Log(longAgo, "回访", "call", DateTime.UtcNow.AddDays(-100));
        await rep.Log(fresh, "回访", "call", DateTime.UtcNow.AddDays(-1));

        var page = await (await rep.GetAsync("/api/me/day/customers?limit=2")).Read<DueCustomersPage>();
        page.Total.Should().Be(3);
        page.Items.Select(c => c.CustomerId).Should().Equal(never, longAgo);
        page.Items[0].Phone.Should().Be("0755-12345678");
        page.Items[0].LastContactAt.Should().BeNull();
        var next = await (await rep.GetAsync("/api/me/day/customers?offset=2&limit=2")).Read<DueCustomersPage>();
        next.Items.Select(c => c.CustomerId).Should().Equal(recent);
        next.Items[0].Phone.Should().Be("13800000001");
        (await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>()).CustomersDue.Select(c => c.CustomerId).Should().Equal(never, longAgo, recent);
    }

    [Fact]
    public async Task My_day_is_the_day_in_the_users_own_time_zone()
    {
        var admin = await app.AdminClient();
        var repUser = await admin.CreateUser(Roles.SalesRep);
        var rep = await app.ClientFor(repUser.Email);
        var prefer = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences")
        { Content = JsonContent.Create(new { timeZone = "Pacific/Pago_Pago", culture = "zh-CN" }) };
        prefer.Headers.TryAddWithoutValidation("If-Match", "*");
        await (await rep.SendAsync(prefer)).ShouldBe(200);
        // Pago Pago (UTC-11) ends its day at 11:00 UTC, Shanghai at 16:00 UTC: a day counted in the company's zone
        // puts one of these two tasks on the wrong side.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Pago_Pago");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var endOfToday = Keqing.Infrastructure.Time.UserClock.StartOfDay(today.AddDays(1), zone);
        var late = await rep.Task("今天最后一分钟", endOfToday.AddMinutes(-1));
        var early = await rep.Task("明天第一分钟", endOfToday.AddMinutes(1));

        var day = await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>();
        day.Date.Should().Be(today);
        day.Tasks.Select(t => t.Id).Should().Equal(late.Id);
        day.Upcoming!.Select(t => t.Id).Should().Equal(early.Id);
    }
}

public sealed class DailyWorkApiTestsOnSqlite(SqliteApp app) : DailyWorkApiTests(app), IClassFixture<SqliteApp>;
public sealed class DailyWorkApiTestsOnPostgres(PostgresApp app) : DailyWorkApiTests(app), IClassFixture<PostgresApp>;
