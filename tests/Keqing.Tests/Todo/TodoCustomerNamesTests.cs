using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Todo.Contracts;
using Keqing.Tests.Approvals;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Todo;

/// <summary>
/// The to-do centre names a task's customer only when the user may see that customer (their own, their team's as its
/// manager, or one shared with them), through the API on both providers: the name is looked up per row shown, and the
/// record access rules must hold as they did when the section joined all visible customers.
/// </summary>
public abstract class TodoCustomerNamesTests(ApprovalsApp app)
{
    private static async Task<TodoItem> TaskItem(HttpClient client, Guid taskId)
    {
        var response = await client.GetAsync("/api/me/todo?section=timeline.tasks&limit=50");
        await response.ShouldBe(200);
        return (await response.Read<TodoSectionDto>()).Items.Should().ContainSingle(i => i.RecordId == taskId).Which;
    }

    [Fact]
    public async Task A_tasks_customer_is_named_only_for_a_user_who_may_see_it()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var colleagueUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var (manager, rep, colleague) = (await app.ClientFor(managerUser.Email), await app.ClientFor(repUser.Email), await app.ClientFor(colleagueUser.Email));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // The colleague's customer: the rep (same team, not its manager) may not see it; the team's manager may.
        var theirs = await colleague.NewCustomer();
        var forRep = await manager.Task("替同事跟进", now.AddHours(-1), theirs.Id, repUser.Id);
        var forManager = await manager.Task("经理自己跟进", now.AddHours(-1), theirs.Id);
        var ownCustomer = await rep.NewCustomer();
        var own = await rep.Task("回访自己的客户", now.AddHours(-2), ownCustomer.Id);

        var hidden = await TaskItem(rep, forRep.Id);
        (hidden.Title, hidden.Subtitle, hidden.Href).Should().Be(("替同事跟进", null, $"/customers/{theirs.Id}/timeline"));
        (await TaskItem(rep, own.Id)).Subtitle.Should().Be(ownCustomer.Name);
        (await TaskItem(manager, forManager.Id)).Subtitle.Should().Be(theirs.Name);

        // Shared with the rep, the customer is named in their list too.
        var share = await colleague.PostAsJsonAsync($"/api/customers/{theirs.Id}/shares", new { userId = repUser.Id }, ApiHelpers.Json);
        share.IsSuccessStatusCode.Should().BeTrue();
        (await TaskItem(rep, forRep.Id)).Subtitle.Should().Be(theirs.Name);
    }
}

public sealed class TodoCustomerNamesTestsOnSqlite(SqliteApprovalsApp app) : TodoCustomerNamesTests(app), IClassFixture<SqliteApprovalsApp>;
public sealed class TodoCustomerNamesTestsOnPostgres(PostgresApprovalsApp app) : TodoCustomerNamesTests(app), IClassFixture<PostgresApprovalsApp>;
