using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Timeline;

/// <summary>Interactions, the customer timeline, commitments, tasks, other modules' entries, briefs and hand-over through the API, on both providers.</summary>
public abstract class TimelineApiTests(KeqingApp app)
{
    private async Task<(HttpClient Client, UserDto User, TeamDto Team, HttpClient Manager, UserDto ManagerUser)> NewTeam()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (await app.ClientFor(rep.Email), rep, team, await app.ClientFor(manager.Email), manager);
    }

    [Fact]
    public async Task A_logged_call_is_on_the_timeline_newest_first_and_filters_work()
    {
        var (rep, user, _, _, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var now = DateTime.UtcNow;
        var older = await rep.Log(customer.Id, "上周拜访", "visit", now.AddDays(-7));
        var call = await rep.Log(customer.Id, "电话跟进", "call", now.AddMinutes(-5));
        call.Subject.Should().Be("电话跟进");
        call.UserId.Should().Be(user.Id);
        call.Direction.Should().Be(InteractionDirection.Outbound);
        await rep.Promise(customer.Id, "周五前寄样品", now.AddDays(3));

        var page = await rep.Timeline(customer.Id);
        page.Items.Select(e => e.Type).Should().Equal("commitment", "interaction", "interaction");
        page.Items[1].SourceId.Should().Be(call.Id);
        page.Items[1].Channel.Should().Be("call");
        page.Items[1].UserName.Should().Be(user.DisplayName);
        page.Items[2].SourceId.Should().Be(older.Id);

        (await rep.Timeline(customer.Id, "?channel=visit")).Items.Select(e => e.SourceId).Should().Equal(older.Id);
        (await rep.Timeline(customer.Id, "?type=commitment")).Items.Should().ContainSingle();
        (await rep.Timeline(customer.Id, $"?userId={Guid.NewGuid()}")).Items.Should().BeEmpty();
        (await rep.Timeline(customer.Id, $"?userId={user.Id}&type=interaction")).Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_timeline_pages_by_keyset_without_gaps_or_repeats()
    {
        var (rep, _, _, _, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var at = DateTime.UtcNow.AddDays(-1);
        var ids = new List<Guid>();
        // Two share one instant: the id breaks the tie.
        foreach (var offset in new[] { 0, 1, 2, 2, 3, 4, 5 })
            ids.Add((await rep.Log(customer.Id, $"第{ids.Count}次", at: at.AddMinutes(offset))).Id);

        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await rep.Timeline(customer.Id, "?limit=3" + (next is null ? "" : $"&after={next}"));
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(e => e.SourceId));
            next = page.Next;
        } while (next is not null);
        seen.Should().HaveCount(7).And.OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
        seen.First().Should().Be(ids[^1]);
        seen.Last().Should().Be(ids[0]);
        await (await rep.GetAsync($"/api/customers/{customer.Id}/timeline?after=garbage")).ShouldBe(400);
        await (await rep.GetAsync($"/api/customers/{Guid.NewGuid()}/timeline")).ShouldBe(404);
    }

    [Fact]
    public async Task Every_bad_field_of_an_interaction_is_named()
    {
        var (rep, _, _, _, _) = await NewTeam();
        var response = await rep.PostAsJsonAsync("/api/interactions", new { subject = "", occurredAt = DateTime.UtcNow.AddDays(3) });
        await response.ShouldBe(400);
        var errors = (await response.Read<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "customerId", "channel", "subject", "occurredAt" })
            errors.TryGetProperty(field, out _).Should().BeTrue(field);

        var customer = await rep.NewCustomer();
        var foreign = await rep.PostAsJsonAsync("/api/interactions", new { customerId = customer.Id, channel = "call", subject = "x", contactIds = new[] { Guid.NewGuid() } });
        await foreign.ShouldBe(400);
        (await foreign.Read<JsonElement>()).GetProperty("errors").TryGetProperty("contactIds", out _).Should().BeTrue();
        await (await rep.PostAsync("/api/interactions", new StringContent("{\"channel\":\"pigeon\"}", System.Text.Encoding.UTF8, "application/json"))).ShouldBe(400);
        await (await rep.GetAsync("/api/interactions?channel=pigeon")).ShouldBe(400);
    }

    [Fact]
    public async Task An_interaction_is_updated_under_if_match_and_its_entry_follows_then_deleted()
    {
        var (rep, _, _, _, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var call = await rep.Log(customer.Id, "初次电话");
        var body = new { customerId = customer.Id, channel = "visit", subject = "改为拜访", occurredAt = call.OccurredAt };

        await (await rep.PutAsJsonAsync($"/api/interactions/{call.Id}", body)).ShouldBe(428);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/interactions/{call.Id}") { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{call.Version + 5}\""));
        await (await rep.SendAsync(stale)).ShouldBe(412);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/interactions/{call.Id}") { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{call.Version}\""));
        var updated = await (await rep.SendAsync(put)).Read<InteractionDto>();
        updated.Channel.Should().Be(InteractionChannel.Visit);
        updated.Version.Should().Be(call.Version + 1);
        var entry = (await rep.Timeline(customer.Id)).Items.Single();
        entry.Title.Should().Be("改为拜访");
        entry.Channel.Should().Be("visit");

        await (await rep.DeleteAsync($"/api/interactions/{call.Id}")).ShouldBe(204);
        (await rep.Timeline(customer.Id)).Items.Should().BeEmpty();
        await (await rep.GetAsync($"/api/interactions/{call.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task Commitments_are_tracked_to_done_or_broken_and_show_on_the_timeline()
    {
        var (rep, user, _, manager, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var due = DateTime.UtcNow.AddDays(2);
        var price = await rep.Promise(customer.Id, "报价有效期延长到月底", due);
        var visit = await rep.Promise(customer.Id, "下周二上门演示", due.AddDays(5));
        price.Status.Should().Be(CommitmentStatus.Open);
        price.PromisedById.Should().Be(user.Id);
        price.OwnerId.Should().Be(user.Id);

        var list = await (await manager.GetAsync($"/api/commitments?customerId={customer.Id}")).Read<Page<CommitmentDto>>();
        list.Items.Select(c => c.Id).Should().Equal(price.Id, visit.Id);

        var done = await (await rep.PostAsJsonAsync($"/api/commitments/{price.Id}/complete", new { note = "已发邮件" })).Read<CommitmentDto>();
        done.Status.Should().Be(CommitmentStatus.Done);
        done.ClosedById.Should().Be(user.Id);
        await (await rep.PostAsJsonAsync($"/api/commitments/{price.Id}/break", new { })).ShouldBe(409);
        var broken = await (await manager.PostAsJsonAsync($"/api/commitments/{visit.Id}/break", new { note = "客户改期" })).Read<CommitmentDto>();
        broken.Status.Should().Be(CommitmentStatus.Broken);

        var entries = (await rep.Timeline(customer.Id, "?type=commitment")).Items;
        entries.Select(e => e.Title).Should().Contain(["✓ 报价有效期延长到月底", "✗ 下周二上门演示"]);
        (await (await rep.GetAsync("/api/commitments?status=open&customerId=" + customer.Id)).Read<Page<CommitmentDto>>()).Items.Should().BeEmpty();
        var bad = await rep.PostAsJsonAsync("/api/commitments", new { customerId = customer.Id });
        await bad.ShouldBe(400);
        var errors = (await bad.Read<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("what", out _).Should().BeTrue();
        errors.TryGetProperty("dueAt", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Tasks_are_created_listed_and_completed_and_only_managers_assign_to_others()
    {
        var (rep, user, team, manager, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var own = await rep.Task("准备投标材料", DateTime.UtcNow.AddHours(3), customer.Id);
        own.AssigneeId.Should().Be(user.Id);
        own.Priority.Should().Be(TaskPriority.Normal);
        var given = await manager.Task("月底前回访", DateTime.UtcNow.AddDays(1), assigneeId: user.Id);
        given.TeamId.Should().Be(team.Id);

        var admin = await app.AdminClient();
        var stranger = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        var refused = await rep.PostAsJsonAsync("/api/tasks", new { title = "x", dueAt = DateTime.UtcNow, assigneeId = stranger.Id });
        await refused.ShouldBe(400);

        var mine = await (await rep.GetAsync("/api/tasks?status=open")).Read<Page<TaskDto>>();
        mine.Items.Select(t => t.Id).Should().Equal(own.Id, given.Id);
        var done = await (await rep.PostAsync($"/api/tasks/{own.Id}/complete", null)).Read<TaskDto>();
        done.Status.Should().Be(TaskState.Done);
        await (await rep.PostAsync($"/api/tasks/{own.Id}/complete", null)).ShouldBe(409);
        (await rep.Timeline(customer.Id, "?type=task")).Items.Single().Title.Should().StartWith("✓ ");
        var strangerClient = await app.ClientFor(stranger.Email);
        await (await strangerClient.PostAsync($"/api/tasks/{given.Id}/complete", null)).ShouldBe(404);
    }

    [Fact]
    public async Task Another_module_publishes_to_the_timeline_through_the_contract()
    {
        var (rep, user, _, _, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        var orderId = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<ITimelinePublisher>();
            publisher.Publish(new TimelineEntryInput(customer.Id, DateTime.UtcNow.AddHours(-1), "order", null, user.Id, user.TeamId,
                "订单 SO-0001 ¥12,000", "3 件", "sales", orderId));
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        }
        var entry = (await rep.Timeline(customer.Id, "?type=order")).Items.Single();
        entry.SourceModule.Should().Be("sales");
        entry.SourceId.Should().Be(orderId);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<ITimelinePublisher>();
            await publisher.Update(new TimelineEntryInput(customer.Id, DateTime.UtcNow.AddHours(-1), "order", null, user.Id, user.TeamId,
                "订单 SO-0001 已发货", null, "sales", orderId), default);
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        }
        (await rep.Timeline(customer.Id, "?type=order")).Items.Single().Title.Should().Be("订单 SO-0001 已发货");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ITimelinePublisher>().Remove("sales", orderId, default);
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        }
        (await rep.Timeline(customer.Id)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Hand_over_moves_customers_round_robin_with_open_tasks_and_commitments_and_the_brief_tells_the_story()
    {
        var (rep, user, team, manager, _) = await NewTeam();
        var admin = await app.AdminClient();
        var heir1 = await admin.CreateUser(Roles.SalesRep, team.Id);
        var heir2 = await admin.CreateUser(Roles.SalesRep, team.Id);
        var a = await rep.NewCustomer("A-" + ApiHelpers.Unique("c"));
        var b = await rep.NewCustomer("B-" + ApiHelpers.Unique("c"));
        var c = await rep.NewCustomer("C-" + ApiHelpers.Unique("c"));
        await rep.Log(a.Id, "谈了价格");
        var promise = await rep.Promise(a.Id, "月底前给出最终报价", DateTime.UtcNow.AddDays(5));
        var task = await rep.Task("寄合同", DateTime.UtcNow.AddDays(1), a.Id);
        var doneTask = await rep.Task("旧任务", DateTime.UtcNow.AddDays(1), b.Id);
        await rep.PostAsync($"/api/tasks/{doneTask.Id}/complete", null);

        // Deactivation waits for the hand-over (DOMAIN A4): the employee still holds customers, a task and a promise.
        var early = await admin.PostAsync($"/api/users/{user.Id}/deactivate", null);
        await early.ShouldBe(409);
        (await early.Content.ReadAsStringAsync()).Should().Contain("3 customer(s)").And.Contain("/admin/handover");

        await (await rep.PostAsJsonAsync("/api/handovers", new { fromUserId = user.Id, toUserIds = new[] { heir1.Id } })).ShouldBe(403);
        var otherManager = await app.ClientFor((await admin.CreateUser(Roles.SalesManager)).Email);
        await (await otherManager.PostAsJsonAsync("/api/handovers", new { fromUserId = user.Id, toUserIds = new[] { heir1.Id } })).ShouldBe(403);
        var invalid = await manager.PostAsJsonAsync("/api/handovers", new { fromUserId = user.Id, toUserIds = Array.Empty<Guid>(), customerIds = new[] { Guid.NewGuid() } });
        await invalid.ShouldBe(400);

        var response = await manager.PostAsJsonAsync("/api/handovers", new { fromUserId = user.Id, toUserIds = new[] { heir1.Id, heir2.Id } });
        await response.ShouldBe(201);
        var result = await response.Read<HandoverResult>();
        result.Customers.Select(x => x.CustomerId).Should().Equal(a.Id, b.Id, c.Id);
        result.Customers.Select(x => x.ToUserId).Should().Equal(heir1.Id, heir2.Id, heir1.Id);
        result.Tasks.Should().Be(1);
        result.Commitments.Should().Be(1);
        result.Customers[0].Should().Match<HandoverItemDto>(x => x.Tasks == 1 && x.Commitments == 1);

        var heir1Client = await app.ClientFor(heir1.Email);
        (await (await heir1Client.GetAsync($"/api/customers/{a.Id}")).Read<CustomerDto>()).OwnerId.Should().Be(heir1.Id);
        (await (await app.ClientFor(heir2.Email)).GetAsync($"/api/customers/{b.Id}")).IsSuccessStatusCode.Should().BeTrue();
        var moved = await (await heir1Client.GetAsync("/api/tasks?status=open")).Read<Page<TaskDto>>();
        moved.Items.Select(t => t.Id).Should().Contain(task.Id);
        var commitments = await (await heir1Client.GetAsync($"/api/commitments?ownerId={heir1.Id}")).Read<Page<CommitmentDto>>();
        commitments.Items.Single().Should().Match<CommitmentDto>(x => x.Id == promise.Id && x.PromisedById == user.Id);

        var brief = await (await heir1Client.GetAsync($"/api/customers/{a.Id}/brief")).Read<CustomerBriefDto>();
        brief.OwnerId.Should().Be(heir1.Id);
        brief.LastContacts.Single().Title.Should().Be("谈了价格");
        brief.LastContacts.Single().UserName.Should().Be(user.DisplayName);
        brief.OpenCommitments.Single().What.Should().Be("月底前给出最终报价");
        brief.OpenTasks.Single().Title.Should().Be("寄合同");
        brief.OpenNextSteps.Should().Contain("发送报价");
        var handedOver = (await heir1Client.Timeline(a.Id, "?type=handover")).Items.Single();
        handedOver.Title.Should().Contain("→");
        handedOver.Summary.Should().Be("随客户移交未完成任务 1 项、未完成承诺 1 项。", "written in the manager's language, Chinese by default");

        var audit = await (await manager.GetAsync($"/api/audit?entity=Customer&id={a.Id}")).Read<Page<Keqing.Modules.Privacy.Contracts.AuditEntryDto>>();
        audit.Items[0].Changes.Should().Contain(ch => ch.Field == "OwnerId" && ch.New == heir1.Id.ToString());
        await (await manager.PostAsJsonAsync("/api/handovers", new { fromUserId = user.Id, toUserIds = new[] { heir1.Id }, customerIds = new[] { a.Id } })).ShouldBe(400);
        (await (await manager.GetAsync($"/api/handovers/outstanding?userId={user.Id}")).Read<Outstanding>()).None.Should().BeTrue("everything moved");
        (await (await manager.GetAsync($"/api/handovers/outstanding?userId={heir1.Id}")).Read<Outstanding>())
            .Should().Match<Outstanding>(o => o.Customers == 2 && o.OpenTasks == 1 && o.OpenCommitments == 1);
        await (await rep.GetAsync($"/api/handovers/outstanding?userId={heir1.Id}")).ShouldBe(403);
        await (await admin.PostAsync($"/api/users/{user.Id}/deactivate", null)).ShouldBe(200);
    }

    [Fact]
    public async Task Settings_are_read_by_all_and_changed_by_an_admin_under_if_match()
    {
        var (rep, _, _, _, _) = await NewTeam();
        var response = await rep.GetAsync("/api/timeline/settings");
        await response.ShouldBe(200);
        var settings = await response.Read<TimelineSettingsDto>();
        settings.CadenceDays[CustomerGrade.A].Should().Be(14);
        settings.CadenceDays[CustomerGrade.B].Should().Be(30);
        await (await rep.PutAsJsonAsync("/api/timeline/settings", settings, ApiHelpers.Json)).ShouldBe(403);

        var admin = await app.AdminClient();
        var bad = new HttpRequestMessage(HttpMethod.Put, "/api/timeline/settings")
        { Content = JsonContent.Create(settings with { QuietUntil = null, MaxContactsPerChannelPerWeek = 0 }, options: ApiHelpers.Json) };
        bad.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{settings.Version}\""));
        var badResponse = await admin.SendAsync(bad);
        await badResponse.ShouldBe(400);
        var errors = (await badResponse.Read<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("quietFrom", out _).Should().BeTrue();
        errors.TryGetProperty("maxContactsPerChannelPerWeek", out _).Should().BeTrue();

        var put = new HttpRequestMessage(HttpMethod.Put, "/api/timeline/settings") { Content = JsonContent.Create(settings, options: ApiHelpers.Json) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{settings.Version}\""));
        var saved = await (await admin.SendAsync(put)).Read<TimelineSettingsDto>();
        saved.Version.Should().Be(settings.Version + 1);
        saved.CadenceDays[CustomerGrade.A].Should().Be(14);
    }

    [Fact]
    public async Task Hand_over_goes_only_to_sales_or_service_staff_and_says_why_in_chinese()
    {
        var (rep, user, team, manager, _) = await NewTeam();
        var admin = await app.AdminClient();
        var analyst = await admin.CreateUser(Roles.Analyst, team.Id);
        await rep.NewCustomer();
        var refused = await manager.PostAsJsonAsync("/api/handovers", new { fromUserId = user.Id, toUserIds = new[] { analyst.Id } });
        await refused.ShouldBe(400);
        var errors = (await refused.Read<System.Text.Json.JsonElement>()).GetProperty("errors");
        errors.GetProperty("toUserIds")[0].GetString().Should().Be($"{analyst.DisplayName} 不负责客户工作（销售或客服）。");
        var missing = await manager.PostAsJsonAsync("/api/handovers", new { toUserIds = new[] { analyst.Id } });
        (await missing.Read<System.Text.Json.JsonElement>()).GetProperty("errors").GetProperty("fromUserId")[0].GetString().Should().Be("请选择移交人。");
    }

    [Fact]
    public async Task Breaking_a_contact_boundary_warns_but_keeps_the_log()
    {
        var (rep, _, _, _, _) = await NewTeam();
        var customer = await rep.NewCustomer();
        // 23:30 in Shanghai on a Wednesday: within the default quiet hours 21:00–08:00.
        var night = new DateTime(2026, 11, 18, 15, 30, 0, DateTimeKind.Utc);
        var late = (await rep.Log(customer.Id, "深夜电话", at: night)).Warnings.Should().ContainSingle().Subject;
        late.Code.Should().Be("quietHours");
        late.Message.Should().Be("23:30 处于免打扰时段 21:00–08:00（Asia/Shanghai）。", "in the caller's language, Chinese by default");
        (await rep.Log(customer.Id, "客户深夜来电", at: night.AddMinutes(5), direction: "inbound")).Warnings.Should().BeEmpty();

        // The default cap is 3 outbound calls per customer per week: the 4th (same week, daytime) warns.
        var monday = new DateTime(2026, 11, 16, 2, 0, 0, DateTimeKind.Utc);
        (await rep.Log(customer.Id, "周一电话", at: monday)).Warnings.Should().BeEmpty();
        (await rep.Log(customer.Id, "周二电话", at: monday.AddDays(1))).Warnings.Should().BeEmpty();
        var fourth = await rep.Log(customer.Id, "周四电话", at: monday.AddDays(3));
        fourth.Warnings.Select(w => w.Code).Should().Equal("weeklyCap");
        fourth.Warnings[0].Message.Should().Contain("第 4 次").And.Contain("上限为 3 次");
        (await rep.Log(customer.Id, "周四短信", "sms", monday.AddDays(3))).Warnings.Should().BeEmpty("the cap counts per channel");
        (await rep.Log(customer.Id, "下周一电话", at: monday.AddDays(7))).Warnings.Should().BeEmpty("a new week");
        (await rep.Timeline(customer.Id, "?channel=call")).Items.Should().HaveCount(6);

        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "王总" })).Read<ContactDto>();
        var day = new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc);
        (await rep.Log(customer.Id, "王总女儿婚礼", "event", day, contactIds: [contact.Id], personal: true)).Warnings.Select(w => w.Code)
            .Should().Equal("personalOccasion");
        var pref = await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/preferences", new { personalOccasionOptIn = true });
        await pref.ShouldBe(200);
        (await (await rep.GetAsync($"/api/contacts/{contact.Id}/preferences")).Read<ContactPreferenceDto>()).PersonalOccasionOptIn.Should().BeTrue();
        (await rep.Log(customer.Id, "王总邀请参加家宴", "visit", day.AddHours(1), contactIds: [contact.Id], personal: true)).Warnings.Should().BeEmpty();

        var scheduled = await rep.PostAsJsonAsync("/api/tasks", new { title = "深夜回电", dueAt = night.AddDays(14), customerId = customer.Id, channel = "call" });
        await scheduled.ShouldBe(201);
        (await scheduled.Read<TaskDto>()).Warnings.Select(w => w.Code).Should().Contain("quietHours");
    }
}

public sealed class TimelineApiTestsOnSqlite(SqliteApp app) : TimelineApiTests(app), IClassFixture<SqliteApp>;
public sealed class TimelineApiTestsOnPostgres(PostgresApp app) : TimelineApiTests(app), IClassFixture<PostgresApp>;
