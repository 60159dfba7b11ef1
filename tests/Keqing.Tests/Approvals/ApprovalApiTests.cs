using Keqing.Infrastructure.Http;
using System.Net.Http.Json;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Approvals;

/// <summary>
/// The approval engine through the API on both providers (DOMAIN C6): flows an admin sets up, the manager chain and its
/// fallbacks, the submitter never approving their own request, nobody approving twice or out of turn, reject and send
/// back with a reason, 加签 and hand-on, delegation while away, withdrawal, and two approvers deciding at once.
/// </summary>
public abstract class ApprovalApiTests(ApprovalsApp app)
{
    private sealed record Person(Guid Id, HttpClient Client);

    private async Task<Person> NewPerson(HttpClient admin, string role, Guid? teamId)
    {
        var user = await admin.CreateUser(role, teamId);
        return new Person(user.Id, await app.ClientFor(user.Email));
    }

    /// <summary>A rep in a team whose manager sits in a second team headed by a director.</summary>
    private async Task<(HttpClient Admin, Person Rep, Person Manager, Person Director)> Hierarchy()
    {
        var admin = await app.AdminClient();
        var director = await NewPerson(admin, Roles.SalesManager, null);
        var top = await admin.CreateTeam(managerId: director.Id);
        var manager = await NewPerson(admin, Roles.SalesManager, top.Id);
        var managerTeam = await admin.CreateTeam(managerId: manager.Id);
        var rep = await NewPerson(admin, Roles.SalesRep, managerTeam.Id);
        return (admin, rep, manager, director);
    }

    private static async Task<FlowDto> NewFlow(HttpClient admin, int type, object[] steps, decimal? discountAbove = null, decimal? amountAbove = null)
    {
        var response = await admin.PostAsJsonAsync("/api/approval-flows", new
        {
            recordType = ApprovalsApp.TypeKey(type), name = ApiHelpers.Unique("流程"), active = true, discountAbovePercent = discountAbove,
            amountAbove = amountAbove is null ? null : new { amount = amountAbove, currency = "CNY" }, steps,
        });
        await response.ShouldBe(201);
        return await response.Read<FlowDto>();
    }

    private static object Manager(int level = 1, string fallback = "next-level", Guid? fallbackUserId = null) =>
        new { name = $"上级{level}", approver = "manager", managerLevel = level, fallback, fallbackUserId };

    private static object Users(string mode, params Guid[] ids) => new { name = "指定人", approver = "users", userIds = ids, mode };

    private async Task<ApprovalState> Submit(int type, Guid submitter, decimal? discount = null, decimal? amount = null, Guid? recordId = null)
    {
        using var scope = app.Services.CreateScope();
        var approvals = scope.ServiceProvider.GetRequiredService<IApprovals>();
        return await approvals.Submit(new ApprovalSubmission(ApprovalsApp.TypeKey(type), recordId ?? Guid.NewGuid(), submitter, "报价 Q-测试 · ¥128,000.00",
            "/quotes/x", new ApprovalFacts(discount, amount is null ? null : Money.Of(amount.Value), "A", null)), TestContext.Current.CancellationToken);
    }

    private static async Task<ApprovalDetailDto> Detail(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/approvals/{id}");
        await response.ShouldBe(200);
        return await response.Read<ApprovalDetailDto>();
    }

    private static Task<HttpResponseMessage> Act(HttpClient client, Guid id, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/approvals/{id}/{action}", body ?? new { });

    private static async Task<int> Count(HttpClient client) =>
        (await (await client.GetAsync("/api/approvals/count")).Read<CountBody>()).Count;

    private sealed record CountBody(int Count);

    [Fact]
    public async Task An_admin_sets_up_flows_only_for_record_types_a_module_handles()
    {
        var admin = await app.AdminClient();
        var types = await (await admin.GetAsync("/api/approval-flows/record-types")).Read<List<string>>();
        types.Should().Contain(ApprovalsApp.TypeKey(0));

        var unknown = await admin.PostAsJsonAsync("/api/approval-flows", new { recordType = "nobody.handles", name = "x", active = true, steps = new[] { Manager() } });
        await unknown.ShouldBe(400);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("recordType");
        var bad = await admin.PostAsJsonAsync("/api/approval-flows", new
        {
            recordType = ApprovalsApp.TypeKey(0), name = "", active = true, discountAbovePercent = 120,
            steps = new object[] { new { name = "", approver = "role", role = "Nobody" }, new { name = "x", approver = "users", userIds = Array.Empty<Guid>() } },
        });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"name\"").And.Contain("discountAbovePercent").And.Contain("steps[0].name")
            .And.Contain("steps[0].role").And.Contain("steps[1].userIds");

        var flow = await NewFlow(admin, 0, [Manager(), new { name = "总监", approver = "role", role = Roles.Admin, mode = "all" }], discountAbove: 10m, amountAbove: 500000m);
        flow.Steps.Should().HaveCount(2);
        flow.AmountAbove.Should().Be(Money.Of(500000m));

        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        await (await rep.GetAsync("/api/approval-flows")).ShouldBe(403);
        var body = new { recordType = ApprovalsApp.TypeKey(0), name = "改名", active = false, steps = new[] { Manager(2) } };
        await (await admin.PutAsJsonAsync($"/api/approval-flows/{flow.Id}", body)).ShouldBe(428);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/approval-flows/{flow.Id}") { Content = JsonContent.Create(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{flow.Version + 5}\"");
        await (await admin.SendAsync(stale)).ShouldBe(412);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/approval-flows/{flow.Id}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{flow.Version}\"");
        var changed = await admin.SendAsync(put);
        await changed.ShouldBe(200);
        (await changed.Read<FlowDto>()).Should().Match<FlowDto>(f => f.Name == "改名" && !f.Active && f.Steps.Count == 1 && f.Steps[0].ManagerLevel == 2);
        await (await admin.DeleteAsync($"/api/approval-flows/{flow.Id}")).ShouldBe(204);
        await (await admin.GetAsync($"/api/approval-flows/{flow.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task A_request_goes_up_the_manager_chain_step_by_step_and_nobody_approves_out_of_turn_or_twice()
    {
        var (admin, rep, manager, director) = await Hierarchy();
        await NewFlow(admin, 1, [Manager(1), Manager(2)], discountAbove: 10m);

        var state = await Submit(1, rep.Id, discount: 15m);
        state.Status.Should().Be(ApprovalStatus.Pending);
        state.WaitingFor.Should().Equal(manager.Id);
        (await Count(manager.Client)).Should().Be(1);
        (await (await manager.Client.GetAsync("/api/approvals?view=waiting")).Read<Page<ApprovalSummaryDto>>()).Items.Should().ContainSingle(r => r.Id == state.RequestId);

        await (await Act(rep.Client, state.RequestId, "approve")).ShouldBe(403);
        await (await Act(director.Client, state.RequestId, "approve")).ShouldBe(403);
        var outsider = await NewPerson(admin, Roles.SalesRep, null);
        await (await outsider.Client.GetAsync($"/api/approvals/{state.RequestId}")).ShouldBe(404);
        await (await Act(outsider.Client, state.RequestId, "approve")).ShouldBe(404);

        await (await Act(manager.Client, state.RequestId, "approve", new { reason = "同意" })).ShouldBe(200);
        await (await Act(manager.Client, state.RequestId, "approve")).ShouldBe(409);
        var detail = await Detail(director.Client, state.RequestId);
        detail.CanAct.Should().BeTrue();
        detail.Steps.Select(s => s.Status).Should().Equal(StepStatus.Approved, StepStatus.Pending);
        app.Recorder.Outcomes.ContainsKey(state.RecordId).Should().BeFalse();

        await (await Act(director.Client, state.RequestId, "approve")).ShouldBe(200);
        detail = await Detail(rep.Client, state.RequestId);
        detail.Request.Status.Should().Be(ApprovalStatus.Approved);
        detail.Log.Select(a => a.Kind).Should().Equal(ActionKind.Submitted, ActionKind.Approved, ActionKind.Approved);
        app.Recorder.Outcomes[state.RecordId].Should().ContainSingle(o => o.Status == ApprovalStatus.Approved && o.DecidedBy == director.Id);
        (await (await rep.Client.GetAsync("/api/approvals?view=submitted")).Read<Page<ApprovalSummaryDto>>()).Items.Should().Contain(r => r.Id == state.RequestId);
        (await (await manager.Client.GetAsync("/api/approvals?view=decided")).Read<Page<ApprovalSummaryDto>>()).Items.Should().Contain(r => r.Id == state.RequestId);
        (await Count(manager.Client)).Should().Be(0);

        // The approver was told it waits for them, the submitter that it was decided.
        (await (await manager.Client.GetAsync("/api/notifications")).Content.ReadAsStringAsync()).Should().Contain(state.RequestId.ToString());
        (await (await rep.Client.GetAsync("/api/notifications")).Content.ReadAsStringAsync()).Should().Contain(state.RequestId.ToString());

        // A record a flow does not catch is approved at once, and its handler told.
        var small = await Submit(1, rep.Id, discount: 5m);
        small.Status.Should().Be(ApprovalStatus.Approved);
        app.Recorder.Outcomes[small.RecordId].Should().ContainSingle(o => o.Status == ApprovalStatus.Approved);
        // A record with a request pending cannot be submitted again.
        var again = await Submit(1, rep.Id, discount: 20m);
        var act = () => Submit(1, rep.Id, discount: 20m, recordId: again.RecordId);
        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task A_missing_manager_falls_back_as_the_flow_says_and_the_submitter_never_approves_their_own_request()
    {
        var admin = await app.AdminClient();
        var headless = await admin.CreateTeam();
        var rep = await NewPerson(admin, Roles.SalesRep, headless.Id);
        var backup = await NewPerson(admin, Roles.SalesManager, null);
        await NewFlow(admin, 2, [Manager(1, "user", backup.Id)]);
        var toBackup = await Submit(2, rep.Id);
        toBackup.WaitingFor.Should().Equal(backup.Id);
        (await Detail(backup.Client, toBackup.RequestId)).Steps[0].Note.Should().NotBeNullOrEmpty();

        await NewFlow(admin, 3, [Manager(1, "auto-approve")]);
        var auto = await Submit(3, rep.Id);
        auto.Status.Should().Be(ApprovalStatus.Approved);
        app.Recorder.Outcomes[auto.RecordId].Should().ContainSingle(o => o.Status == ApprovalStatus.Approved);

        // Named users that include the submitter: the submitter is skipped.
        var colleague = await NewPerson(admin, Roles.SalesRep, headless.Id);
        await NewFlow(admin, 4, [Users("all", rep.Id, colleague.Id)]);
        var skipped = await Submit(4, rep.Id);
        skipped.WaitingFor.Should().Equal(colleague.Id);
        await (await Act(rep.Client, skipped.RequestId, "approve")).ShouldBe(403);
        // Nor may an approver hand it to the submitter.
        var handBack = await Act(colleague.Client, skipped.RequestId, "delegate", new { userId = rep.Id });
        await handBack.ShouldBe(400);
        (await handBack.Content.ReadAsStringAsync()).Should().Contain("userId");
    }

    [Fact]
    public async Task Reject_and_send_back_need_a_reason_and_end_the_request_for_the_submitter()
    {
        var (admin, rep, manager, _) = await Hierarchy();
        await NewFlow(admin, 5, [Manager()]);
        var rejected = await Submit(5, rep.Id);
        var noReason = await Act(manager.Client, rejected.RequestId, "reject", new { reason = "  " });
        await noReason.ShouldBe(400);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("reason");
        await (await Act(manager.Client, rejected.RequestId, "reject", new { reason = "折扣太大" })).ShouldBe(200);
        var detail = await Detail(rep.Client, rejected.RequestId);
        detail.Request.Status.Should().Be(ApprovalStatus.Rejected);
        detail.Reason.Should().Be("折扣太大");
        app.Recorder.Outcomes[rejected.RecordId].Should().ContainSingle(o => o.Status == ApprovalStatus.Rejected && o.Reason == "折扣太大");
        await (await Act(manager.Client, rejected.RequestId, "approve")).ShouldBe(409);

        var sentBack = await Submit(5, rep.Id);
        await (await Act(manager.Client, sentBack.RequestId, "send-back", new { })).ShouldBe(400);
        await (await Act(manager.Client, sentBack.RequestId, "send-back", new { reason = "请补充交付周期" })).ShouldBe(200);
        app.Recorder.Outcomes[sentBack.RecordId].Should().ContainSingle(o => o.Status == ApprovalStatus.SentBack);

        var withdrawn = await Submit(5, rep.Id);
        await (await Act(manager.Client, withdrawn.RequestId, "withdraw")).ShouldBe(403);
        await (await Act(rep.Client, withdrawn.RequestId, "withdraw")).ShouldBe(200);
        app.Recorder.Outcomes[withdrawn.RecordId].Should().ContainSingle(o => o.Status == ApprovalStatus.Withdrawn);
        (await Count(manager.Client)).Should().Be(0);
    }

    [Fact]
    public async Task An_approver_adds_a_signer_after_their_step_and_a_signer_hands_the_task_on()
    {
        var (admin, rep, manager, _) = await Hierarchy();
        var signer = await NewPerson(admin, Roles.SalesManager, null);
        var standIn = await NewPerson(admin, Roles.SalesManager, null);
        await NewFlow(admin, 6, [Manager()]);
        var state = await Submit(6, rep.Id);

        await (await Act(manager.Client, state.RequestId, "add-signer", new { })).ShouldBe(400);
        await (await Act(manager.Client, state.RequestId, "add-signer", new { userId = signer.Id })).ShouldBe(200);
        await (await Act(signer.Client, state.RequestId, "approve")).ShouldBe(403);
        await (await Act(manager.Client, state.RequestId, "approve")).ShouldBe(200);
        (await Count(signer.Client)).Should().Be(1);

        await (await Act(signer.Client, state.RequestId, "delegate", new { userId = standIn.Id, reason = "出差" })).ShouldBe(200);
        (await Count(signer.Client)).Should().Be(0);
        await (await Act(signer.Client, state.RequestId, "approve")).ShouldBe(409);
        await (await Act(standIn.Client, state.RequestId, "approve")).ShouldBe(200);
        var detail = await Detail(rep.Client, state.RequestId);
        detail.Request.Status.Should().Be(ApprovalStatus.Approved);
        detail.Steps.Should().HaveCount(2);
        detail.Steps[1].Tasks.Should().Contain(t => t.ApproverId == standIn.Id && t.OnBehalfOf == signer.Id && t.Status == ApprovalTaskStatus.Approved);
        detail.Log.Select(a => a.Kind).Should().Equal(ActionKind.Submitted, ActionKind.SignerAdded, ActionKind.Approved, ActionKind.Delegated, ActionKind.Approved);
    }

    [Fact]
    public async Task Approvals_reaching_someone_away_go_to_their_delegate()
    {
        var (admin, rep, manager, _) = await Hierarchy();
        var deputy = await NewPerson(admin, Roles.SalesManager, null);
        var bad = await manager.Client.PostAsJsonAsync("/api/approval-delegations", new { toUserId = manager.Id, endsAt = "2026-11-01T00:00:00Z" });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("toUserId").And.Contain("endsAt");
        var created = await manager.Client.PostAsJsonAsync("/api/approval-delegations", new { toUserId = deputy.Id, endsAt = app.Clock.GetUtcNow().AddDays(7) });
        await created.ShouldBe(201);
        var delegation = await created.Read<DelegationDto>();
        (await (await manager.Client.GetAsync("/api/approval-delegations")).Read<List<DelegationDto>>()).Should().ContainSingle(d => d.Id == delegation.Id);
        await (await deputy.Client.DeleteAsync($"/api/approval-delegations/{delegation.Id}")).ShouldBe(404);

        await NewFlow(admin, 7, [Manager()]);
        var state = await Submit(7, rep.Id);
        state.WaitingFor.Should().Equal(deputy.Id);
        await (await Act(manager.Client, state.RequestId, "approve")).ShouldBe(403);
        await (await Act(deputy.Client, state.RequestId, "approve")).ShouldBe(200);
        (await Detail(manager.Client, state.RequestId)).Request.Status.Should().Be(ApprovalStatus.Approved);

        await (await manager.Client.DeleteAsync($"/api/approval-delegations/{delegation.Id}")).ShouldBe(204);
        (await Submit(7, rep.Id)).WaitingFor.Should().Equal(manager.Id);
    }

    [Fact]
    public async Task Mine_and_status_list_what_waits_for_me_and_what_i_took_part_in_a_page_at_a_time()
    {
        var (admin, rep, manager, _) = await Hierarchy();
        await NewFlow(admin, 9, [Manager()]);
        var states = new List<ApprovalState>();
        for (var i = 0; i < 3; i++)
        {
            states.Add(await Submit(9, rep.Id));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        async Task<Page<ApprovalSummaryDto>> List(HttpClient client, string query)
        {
            var response = await client.GetAsync($"/api/approvals?{query}");
            await response.ShouldBe(200);
            return await response.Read<Page<ApprovalSummaryDto>>();
        }

        var pending = await List(manager.Client, "mine=true&status=pending");
        pending.Items.Select(r => r.Id).Should().Equal(states.Select(s => s.RequestId).Reverse());
        (await List(manager.Client, "view=waiting")).Items.Select(r => r.Id).Should().Equal(pending.Items.Select(r => r.Id));
        (await List(rep.Client, "mine=true&status=pending")).Items.Should().BeEmpty("nothing waits for the submitter");

        var first = await List(manager.Client, "mine=true&status=pending&limit=2");
        first.Items.Should().HaveCount(2);
        first.Next.Should().NotBeNull();
        var second = await List(manager.Client, $"mine=true&status=pending&limit=2&after={first.Next}");
        second.Items.Select(r => r.Id).Should().Equal(states[0].RequestId);
        second.Next.Should().BeNull();

        await (await Act(manager.Client, states[0].RequestId, "approve")).ShouldBe(200);
        (await List(manager.Client, "mine=true&status=approved")).Items.Select(r => r.Id).Should().Equal(states[0].RequestId);
        (await List(rep.Client, "mine=true&status=approved")).Items.Select(r => r.Id).Should().Equal(states[0].RequestId);
        (await List(rep.Client, "mine=true")).Items.Should().HaveCount(3);
        (await List(manager.Client, "mine=true&status=pending")).Items.Should().HaveCount(2);
        (await List(admin, "mine=false&status=pending")).Items.Select(r => r.Id).Should().Contain(states[1].RequestId);
        var outsider = await NewPerson(admin, Roles.SalesRep, null);
        (await List(outsider.Client, "mine=false")).Items.Should().BeEmpty("one sees only the requests one takes part in");

        foreach (var bad in new[] { "mine=true&after=not-a-cursor", "view=waiting&mine=true", "status=maybe", "mine=true&limit=0" })
            await (await manager.Client.GetAsync($"/api/approvals?{bad}")).ShouldBe(400);
    }

    [Fact]
    public async Task A_discount_above_the_submitters_limit_that_no_flow_catches_goes_to_their_manager()
    {
        var (admin, rep, manager, _) = await Hierarchy();
        var over = await SubmitWithLimit(10, rep.Id, discount: 20m, limit: 5m);
        over.Status.Should().Be(ApprovalStatus.Pending);
        over.WaitingFor.Should().Equal(manager.Id);
        var detail = await Detail(manager.Client, over.RequestId);
        detail.Steps.Should().ContainSingle().Which.Note.Should().NotBeNullOrEmpty();
        detail.DiscountLimitPercent.Should().Be(5m);
        (await SubmitWithLimit(10, rep.Id, discount: 5m, limit: 5m)).Status.Should().Be(ApprovalStatus.Approved);
        (await SubmitWithLimit(10, rep.Id, discount: 50m, limit: null)).Status.Should().Be(ApprovalStatus.Approved);

        // Nobody above: the administrators decide.
        var loner = await NewPerson(admin, Roles.SalesRep, (await admin.CreateTeam()).Id);
        var toAdmins = await SubmitWithLimit(10, loner.Id, discount: 20m, limit: 5m);
        toAdmins.Status.Should().Be(ApprovalStatus.Pending);
        toAdmins.WaitingFor.Should().NotBeEmpty().And.NotContain(loner.Id);

        // A flow that matches decides instead of the safety step.
        var named = await NewPerson(admin, Roles.SalesManager, null);
        await NewFlow(admin, 10, [Users("any", named.Id)], discountAbove: 10m);
        (await SubmitWithLimit(10, rep.Id, discount: 20m, limit: 5m)).WaitingFor.Should().Equal(named.Id);
        (await SubmitWithLimit(10, rep.Id, discount: 8m, limit: 5m)).WaitingFor.Should().Equal(manager.Id);
    }

    private async Task<ApprovalState> SubmitWithLimit(int type, Guid submitter, decimal discount, decimal? limit)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IApprovals>().Submit(new ApprovalSubmission(ApprovalsApp.TypeKey(type), Guid.NewGuid(),
            submitter, "报价 Q-测试", "/quotes/x", new ApprovalFacts(discount, null, null, null, limit)), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_approve_and_a_reject_at_the_same_moment_one_wins_and_the_other_gets_409()
    {
        var admin = await app.AdminClient();
        var rep = await NewPerson(admin, Roles.SalesRep, null);
        var first = await NewPerson(admin, Roles.SalesManager, null);
        var second = await NewPerson(admin, Roles.SalesManager, null);
        await NewFlow(admin, 8, [Users("any", first.Id, second.Id)]);
        for (var round = 0; round < 3; round++)
        {
            var state = await Submit(8, rep.Id);
            var responses = await Task.WhenAll(Act(first.Client, state.RequestId, "approve"), Act(second.Client, state.RequestId, "reject", new { reason = "不同意" }));
            responses.Select(r => (int)r.StatusCode).Order().Should().Equal(200, 409);
            var detail = await Detail(rep.Client, state.RequestId);
            var winner = (int)responses[0].StatusCode == 200 ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
            detail.Request.Status.Should().Be(winner);
            app.Recorder.Outcomes[state.RecordId].Should().ContainSingle(o => o.Status == winner);
        }
    }
}

public sealed class ApprovalApiTestsOnSqlite(SqliteApprovalsApp app) : ApprovalApiTests(app), IClassFixture<SqliteApprovalsApp>;
public sealed class ApprovalApiTestsOnPostgres(PostgresApprovalsApp app) : ApprovalApiTests(app), IClassFixture<PostgresApprovalsApp>;
