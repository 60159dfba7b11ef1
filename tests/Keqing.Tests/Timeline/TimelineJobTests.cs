using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Jobs;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Timeline;

/// <summary>
/// Jobs and "my day" on a fake clock, on both providers: overdue commitments alert their owner and the owner's manager
/// exactly once however many nodes run the job; task reminders; customers fall due by their grade's cadence.
/// </summary>
public abstract class TimelineJobTests(ClockedKeqingApp app)
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private TimelineJobs Jobs => app.Services.GetRequiredService<TimelineJobs>();

    private async Task<(HttpClient Rep, UserDto RepUser, HttpClient Manager, UserDto ManagerUser)> NewTeam()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (await app.ClientFor(rep.Email), rep, await app.ClientFor(manager.Email), manager);
    }

    private static async Task<List<AlertDto>> AlertsOf(HttpClient client) =>
        (await (await client.GetAsync("/api/me/alerts")).Read<Page<AlertDto>>()).Items.ToList();

    [Fact]
    public async Task An_overdue_commitment_alerts_its_owner_and_their_manager_once()
    {
        var (rep, repUser, manager, managerUser) = await NewTeam();
        var customer = await rep.NewCustomer();
        var promise = await rep.Promise(customer.Id, "三天内给出方案", Now.AddDays(3));
        await Jobs.RunDueAsync(default);
        (await AlertsOf(rep)).Should().NotContain(a => a.SubjectId == promise.Id);

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        // Two nodes at once: still one alert per recipient.
        await Task.WhenAll(Jobs.RunDueAsync(default), Jobs.RunDueAsync(default));
        await Jobs.RunDueAsync(default);
        rep = await app.ClientFor(repUser.Email);
        manager = await app.ClientFor(managerUser.Email);
        var repAlert = (await AlertsOf(rep)).Where(a => a.SubjectId == promise.Id).Should().ContainSingle().Subject;
        repAlert.Kind.Should().Be(AlertKind.CommitmentOverdue);
        repAlert.Title.Should().Contain("三天内给出方案").And.Contain(customer.Name);
        (await AlertsOf(manager)).Where(a => a.SubjectId == promise.Id).Should().ContainSingle();
        // The alert also reaches both through the notifications module, once each (in-app by default).
        foreach (var client in new[] { rep, manager })
        {
            var inbox = await client.GetStringAsync("/api/notifications?limit=200");
            System.Text.RegularExpressions.Regex.Count(inbox, "三天内给出方案").Should().Be(1, inbox);
        }

        var day = await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>();
        day.Commitments.Should().Contain(c => c.Id == promise.Id && c.Overdue);
        day.UnreadAlerts.Should().BeGreaterThan(0);
        await (await rep.PostAsync($"/api/me/alerts/{repAlert.Id}/read", null)).ShouldBe(204);
        (await (await rep.GetAsync("/api/me/alerts?unread=true")).Read<Page<AlertDto>>()).Items.Should().NotContain(a => a.Id == repAlert.Id);
        await (await manager.PostAsync($"/api/me/alerts/{repAlert.Id}/read", null)).ShouldBe(404);
    }

    [Fact]
    public async Task A_kept_commitment_never_alerts_and_a_task_reminds_its_assignee_at_its_time()
    {
        var (rep, repUser, _, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var promise = await rep.Promise(customer.Id, "明天寄样品", Now.AddDays(1));
        await (await rep.PostAsync($"/api/commitments/{promise.Id}/complete", null)).ShouldBe(200);
        var task = await rep.Task("回电王总", Now.AddHours(5), customer.Id, remindAt: Now.AddHours(4));
        var today = await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>();
        today.Tasks.Should().Contain(t => t.Id == task.Id, "due later today");

        app.Clock.Advance(TimeSpan.FromHours(3));
        await Jobs.RunDueAsync(default);
        (await AlertsOf(rep)).Should().NotContain(a => a.SubjectId == task.Id);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await Jobs.RunDueAsync(default);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await Jobs.RunDueAsync(default);
        rep = await app.ClientFor(repUser.Email);
        var alerts = await AlertsOf(rep);
        alerts.Where(a => a.SubjectId == task.Id).Should().ContainSingle().Which.Kind.Should().Be(AlertKind.TaskReminder);
        alerts.Should().NotContain(a => a.SubjectId == promise.Id);
        (await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>()).Tasks.Should().Contain(t => t.Id == task.Id && t.Overdue);
    }

    [Fact]
    public async Task Customers_fall_due_for_contact_by_the_cadence_of_their_grade()
    {
        var (rep, repUser, manager, _) = await NewTeam();
        // The grade is the manager's to set (a rep may not); the customers are the rep's.
        var a = await CustomerApiTests.Create(manager, new { kind = "organization", name = ApiHelpers.Unique("甲"), grade = "A", ownerId = repUser.Id });
        var b = await CustomerApiTests.Create(manager, new { kind = "organization", name = ApiHelpers.Unique("乙"), grade = "B", ownerId = repUser.Id });
        var ungraded = await rep.NewCustomer();
        var due = (await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>()).CustomersDue.Select(c => c.CustomerId).ToList();
        due.Should().Contain([a.Id, b.Id], "never contacted").And.NotContain(ungraded.Id);

        await rep.Log(a.Id, "回访", at: Now.AddMinutes(-1));
        await rep.Log(b.Id, "回访", at: Now.AddMinutes(-1));
        due = (await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>()).CustomersDue.Select(c => c.CustomerId).ToList();
        due.Should().NotContain([a.Id, b.Id]);

        app.Clock.Advance(TimeSpan.FromDays(14));
        rep = await app.ClientFor(repUser.Email);
        var day = await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>();
        var dueA = day.CustomersDue.Should().ContainSingle(c => c.CustomerId == a.Id, "A is due every 14 days").Subject;
        dueA.CadenceDays.Should().Be(14);
        dueA.LastContactAt.Should().NotBeNull();
        day.CustomersDue.Should().NotContain(c => c.CustomerId == b.Id, "B only after 30");
        day.CustomersDueCount.Should().Be(day.CustomersDue.Count);

        app.Clock.Advance(TimeSpan.FromDays(16));
        rep = await app.ClientFor(repUser.Email);
        (await (await rep.GetAsync("/api/me/day")).Read<MyDayDto>()).CustomersDue.Select(c => c.CustomerId).Should().Contain(b.Id);
    }
}

public sealed class TimelineJobTestsOnSqlite(SqliteClockedApp app) : TimelineJobTests(app), IClassFixture<SqliteClockedApp>;
public sealed class TimelineJobTestsOnPostgres(PostgresClockedApp app) : TimelineJobTests(app), IClassFixture<PostgresClockedApp>;
