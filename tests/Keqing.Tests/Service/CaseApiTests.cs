using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// Cases through the API on both providers (DOMAIN V1): create, read, change under If-Match, the status rules of each
/// action, reopening and follow-ups, the team queue's access, assignment, merge, files, keyset paging, the timeline, the
/// open-complaint banner's source, the mailbox seam (<see cref="ICaseDirectory"/>) and the events SLA clocks will hook.
/// </summary>
public abstract class CaseApiTests(ServiceApp app)
{
    private sealed record Team(HttpClient Admin, HttpClient Manager, HttpClient Agent, UserDto AgentUser, HttpClient Teammate, UserDto TeammateUser,
        HttpClient Outsider, UserDto OutsiderUser, Guid TeamId);

    private async Task<Team> People()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.ServiceManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var otherTeam = await admin.CreateTeam();
        // The manager belongs to the team they manage.
        var agent = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var teammate = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var outsider = await admin.CreateUser(Roles.ServiceAgent, otherTeam.Id);
        return new Team(admin, await app.ClientFor(managerUser.Email), await app.ClientFor(agent.Email), agent, await app.ClientFor(teammate.Email), teammate,
            await app.ClientFor(outsider.Email), outsider, team.Id);
    }

    [Fact]
    public async Task An_agent_opens_a_case_on_any_customer_reads_it_and_changes_it_under_if_match()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();

        var bad = await t.Agent.PostAsJsonAsync("/api/cases", new { customerId = Guid.NewGuid(), subject = "", productId = Guid.NewGuid(), categoryId = Guid.NewGuid() }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"subject\"").And.Contain("\"customerId\"").And.Contain("\"productId\"").And.Contain("\"categoryId\"");
        var unknownType = await t.Agent.PostAsJsonAsync("/api/cases", new { customerId = customer.Id, subject = "x", type = "praise" }, ApiHelpers.Json);
        await unknownType.ShouldBe(400);

        var created = await t.Agent.NewCase(customer.Id, "repair", "high");
        created.Number.Should().MatchRegex(@"^CS-\d{4}-\d{6}$");
        (created.Status, created.Type, created.Priority, created.OwnerId, created.TeamId, created.Channel)
            .Should().Be((CaseStatus.New, CaseType.Repair, CasePriority.High, t.AgentUser.Id, (Guid?)t.TeamId, CaseChannel.Phone));
        created.CustomerName.Should().Be(customer.Name);
        var second = await t.Agent.NewCase(customer.Id);
        second.Number.Should().NotBe(created.Number);

        var read = await t.Agent.GetAsync($"/api/cases/{created.Id}");
        await read.ShouldBe(200);
        read.Headers.ETag!.Tag.Should().Be($"\"{created.Version}\"");

        var body = new { subject = "彩超探头图像有条纹", description = "第二次来电", type = "repair", priority = "urgent" };
        await (await t.Agent.PutCase(created.Id, null, body)).ShouldBe(428);
        await (await t.Agent.PutCase(created.Id, created.Version + 3, body)).ShouldBe(412);
        var badPut = await t.Agent.PutCase(created.Id, created.Version, new { subject = new string('x', 201), contactId = Guid.NewGuid() });
        await badPut.ShouldBe(400);
        (await badPut.Content.ReadAsStringAsync()).Should().Contain("\"subject\"").And.Contain("\"contactId\"");
        var changed = await t.Agent.PutCase(created.Id, created.Version, body);
        await changed.ShouldBe(200);
        var after = await changed.Read<CaseDto>();
        (after.Subject, after.Priority).Should().Be(("彩超探头图像有条纹", CasePriority.Urgent));
        after.Version.Should().BeGreaterThan(created.Version);
        await (await t.Agent.PutCase(created.Id, created.Version, body)).ShouldBe(412);
        app.Events.Of(created.Id).OfType<CasePriorityChanged>().Should().ContainSingle(e => e.From == CasePriority.High && e.To == CasePriority.Urgent);
    }

    [Fact]
    public async Task Replies_notes_resolve_close_and_reopen_follow_the_status_rules()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id);

        var noted = await (await t.Agent.Act(c.Id, "note", new { body = "客户语气很急，先查保修" })).Read<CaseDto>();
        (noted.Status, noted.FirstResponseAt).Should().Be((CaseStatus.New, (DateTime?)null));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await t.Agent.Act(c.Id, "reply", new { body = "" })).ShouldBe(400);
        var replied = await t.Agent.Reply(c.Id, "您好，工程师明天上午到院。");
        replied.Status.Should().Be(CaseStatus.Open);
        replied.FirstResponseAt.Should().Be(app.Clock.GetUtcNow().UtcDateTime);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var waiting = await t.Agent.Reply(c.Id, "请提供设备序列号。", waitOnCustomer: true);
        waiting.Status.Should().Be(CaseStatus.WaitingOnCustomer);
        waiting.FirstResponseAt.Should().Be(replied.FirstResponseAt, "only the first public reply is the first response");
        waiting.Messages.Select(m => m.Kind).Should().Equal(CaseMessageKind.Note, CaseMessageKind.Reply, CaseMessageKind.Reply);

        var resolved = await (await t.Agent.Act(c.Id, "resolve")).Read<CaseDto>();
        (resolved.Status, resolved.ResolvedAt, resolved.CanReopen).Should().Be((CaseStatus.Resolved, (DateTime?)app.Clock.GetUtcNow().UtcDateTime, true));
        await (await t.Agent.Act(c.Id, "resolve")).ShouldBe(409);
        await (await t.Agent.Act(c.Id, "reply", new { body = "还有问题吗？" })).ShouldBe(409);
        await (await t.Agent.Act(c.Id, "note", new { body = "回访已完成" })).ShouldBe(200);

        var reopened = await t.Agent.Act(c.Id, "reopen");
        await reopened.ShouldBe(200);
        (await reopened.Read<CaseDto>()).Should().Match<CaseDto>(x => x.Status == CaseStatus.Open && x.ResolvedAt == null);
        await (await t.Agent.Act(c.Id, "reopen")).ShouldBe(409);

        await (await t.Agent.Act(c.Id, "resolve")).ShouldBe(200);
        app.Clock.Advance(TimeSpan.FromDays(8));
        t = t with { Agent = await app.ClientFor(t.AgentUser.Email) }; // the sign-in cookie has expired on the test clock
        var followUp = await t.Agent.Act(c.Id, "reopen");
        await followUp.ShouldBe(201);
        var fresh = await followUp.Read<CaseDto>();
        fresh.Id.Should().NotBe(c.Id);
        (fresh.Status, fresh.CustomerId, fresh.Subject).Should().Be((CaseStatus.New, customer.Id, c.Subject));
        fresh.Links.Should().ContainSingle(l => l.Id == c.Id && l.Kind == CaseLinkKind.FollowUp);
        (await t.Agent.Case(c.Id)).Links.Should().ContainSingle(l => l.Id == fresh.Id);

        var closed = await (await t.Agent.Act(c.Id, "close")).Read<CaseDto>();
        closed.Status.Should().Be(CaseStatus.Closed);
        await (await t.Agent.Act(c.Id, "close")).ShouldBe(409);
        await (await t.Agent.PutCase(c.Id, closed.Version, new { subject = "x" })).ShouldBe(409);

        app.Events.Of(c.Id).Select(e => e.GetType().Name).Should().Equal(
            nameof(CaseOpened), nameof(CaseReplied), nameof(CaseWaitingOnCustomer), nameof(CaseReplied), nameof(CaseResolved),
            nameof(CaseReopened), nameof(CaseResolved), nameof(CaseClosed));
        app.Events.Of(c.Id).OfType<CaseReplied>().Select(e => e.FirstResponse).Should().Equal(true, false);
    }

    [Fact]
    public async Task Agents_work_their_teams_queue_and_only_managers_give_cases_to_others()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id);

        // A teammate sees and works the case (the team queue); an agent of another team does not see it; a seller may not work cases.
        (await t.Teammate.Case(c.Id)).Number.Should().Be(c.Number);
        await t.Teammate.Reply(c.Id, "同事代为回复。");
        (await (await t.Teammate.GetAsync("/api/cases?queue=true&limit=200")).Read<Page<CaseSummaryDto>>()).Items.Should().Contain(x => x.Id == c.Id);
        (await (await t.Teammate.GetAsync("/api/cases?mine=true")).Read<Page<CaseSummaryDto>>()).Items.Should().NotContain(x => x.Id == c.Id);
        await (await t.Outsider.GetAsync($"/api/cases/{c.Id}")).ShouldBe(404);
        await (await t.Outsider.Act(c.Id, "reply", new { body = "x" })).ShouldBe(404);
        (await (await t.Outsider.GetAsync($"/api/cases?customerId={customer.Id}")).Read<Page<CaseSummaryDto>>()).Items.Should().BeEmpty();
        var seller = await app.ClientFor((await t.Admin.CreateUser(Roles.SalesRep)).Email);
        await (await seller.GetAsync("/api/cases")).ShouldBe(403);

        // Taking a case from the queue is one's own choice; giving it to someone else is a manager's.
        var taken = await (await t.Teammate.Act(c.Id, "assign", new { ownerId = t.TeammateUser.Id })).Read<CaseDto>();
        taken.OwnerId.Should().Be(t.TeammateUser.Id);
        await (await t.Teammate.Act(c.Id, "assign", new { ownerId = t.AgentUser.Id })).ShouldBe(403);
        var outside = await t.Manager.Act(c.Id, "assign", new { ownerId = t.OutsiderUser.Id });
        await outside.ShouldBe(400);
        (await outside.Content.ReadAsStringAsync()).Should().Contain("ownerId");
        await (await t.Manager.Act(c.Id, "assign", new { ownerId = t.AgentUser.Id })).ShouldBe(200);
        var toOtherTeam = await (await t.Admin.Act(c.Id, "assign", new { ownerId = t.OutsiderUser.Id })).Read<CaseDto>();
        toOtherTeam.TeamId.Should().NotBe(t.TeamId, "the team follows the owner");
        (await t.Outsider.Case(c.Id)).OwnerId.Should().Be(t.OutsiderUser.Id);
        await (await t.Agent.GetAsync($"/api/cases/{c.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task A_duplicate_merges_into_another_case_of_the_customer_with_its_conversation()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var survivor = await t.Agent.NewCase(customer.Id, "complaint");
        var duplicate = await t.Agent.NewCase(customer.Id, "complaint");
        await t.Agent.Reply(duplicate.Id, "已收到您的第二次来电。");
        var other = await t.Agent.NewCase((await t.Admin.NewCustomer()).Id);

        await (await t.Agent.Act(duplicate.Id, "merge", new { intoId = duplicate.Id })).ShouldBe(400);
        await (await t.Agent.Act(duplicate.Id, "merge", new { })).ShouldBe(400);
        await (await t.Agent.Act(duplicate.Id, "merge", new { intoId = other.Id })).ShouldBe(400);
        await (await t.Outsider.Act(duplicate.Id, "merge", new { intoId = survivor.Id })).ShouldBe(404);

        var merged = await t.Agent.Act(duplicate.Id, "merge", new { intoId = survivor.Id });
        await merged.ShouldBe(200);
        var s = await merged.Read<CaseDto>();
        s.Id.Should().Be(survivor.Id);
        s.Messages.Should().Contain(m => m.Kind == CaseMessageKind.Reply && m.Body == "已收到您的第二次来电。")
            .And.Contain(m => m.Kind == CaseMessageKind.Note && m.Body.Contains(duplicate.Number));
        s.FirstResponseAt.Should().NotBeNull("the duplicate's reply was a response to the customer");
        s.Links.Should().ContainSingle(l => l.Id == duplicate.Id && l.Kind == CaseLinkKind.Duplicate);
        var d = await t.Agent.Case(duplicate.Id);
        (d.Status, d.MergedIntoId, d.MergedIntoNumber).Should().Be((CaseStatus.Closed, (Guid?)survivor.Id, survivor.Number));
        d.Messages.Should().BeEmpty();
        await (await t.Agent.Act(duplicate.Id, "merge", new { intoId = survivor.Id })).ShouldBe(409);
        await (await t.Agent.Act(duplicate.Id, "reopen")).ShouldBe(409);

        var audit = await t.Admin.GetAsync($"/api/audit?entity=service.case&id={duplicate.Id}");
        (await audit.Content.ReadAsStringAsync()).Should().Contain(survivor.Id.ToString(), "the merge is audited on the duplicate");
        app.Events.Of(duplicate.Id).OfType<CaseClosed>().Should().ContainSingle(e => e.MergedIntoId == survivor.Id);

        var linked = await (await t.Agent.Act(other.Id, "link", new { otherId = survivor.Id })).Read<CaseDto>();
        linked.Links.Should().ContainSingle(l => l.Id == survivor.Id && l.Kind == CaseLinkKind.Related);
        await (await t.Agent.Act(other.Id, "link", new { otherId = other.Id })).ShouldBe(400);
    }

    [Fact]
    public async Task Files_are_checked_then_sent_with_a_reply_and_read_back()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id);
        var other = await t.Agent.NewCase(customer.Id);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

        var disguised = await t.Agent.Upload(c.Id, "photo.png", "MZ\x90\0 not an image"u8.ToArray());
        await disguised.ShouldBe(400);
        (await disguised.Content.ReadAsStringAsync()).Should().Contain("\"file\"");
        await (await t.Agent.Upload(c.Id, "tool.exe", png)).ShouldBe(400);
        await (await t.Agent.Upload(c.Id, "empty.txt", [])).ShouldBe(400);
        await (await t.Outsider.Upload(c.Id, "photo.png", png)).ShouldBe(404);

        var uploaded = await t.Agent.Upload(c.Id, "../../探头照片.png", png);
        await uploaded.ShouldBe(201);
        var file = await uploaded.Read<CaseAttachmentDto>();
        (file.FileName, file.ContentType, file.Size).Should().Be(("探头照片.png", "image/png", (long)png.Length));
        var onOther = await t.Agent.Act(other.Id, "reply", new { body = "x", attachmentIds = new[] { file.Id } });
        await onOther.ShouldBe(400);
        (await onOther.Content.ReadAsStringAsync()).Should().Contain("attachmentIds");

        var replied = await t.Agent.Reply(c.Id, "请看照片中的划痕位置。", attachmentIds: [file.Id]);
        replied.Messages.Single().Attachments.Should().ContainSingle(a => a.Id == file.Id);
        await (await t.Agent.Act(c.Id, "note", new { body = "再发一次", attachmentIds = new[] { file.Id } })).ShouldBe(400);
        var download = await t.Teammate.GetAsync($"/api/case-attachments/{file.Id}");
        await download.ShouldBe(200);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(png);
        download.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        await (await t.Outsider.GetAsync($"/api/case-attachments/{file.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task The_list_filters_and_walks_keyset_pages_once()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await t.Agent.NewCase(customer.Id, i % 2 == 0 ? "complaint" : "question")).Id);
        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await (await t.Agent.GetAsync($"/api/cases?customerId={customer.Id}&limit=2" + (after is null ? "" : $"&after={after}"))).Read<Page<CaseSummaryDto>>();
            seen.AddRange(page.Items.Select(x => x.Id));
            after = page.Next;
        } while (after is not null);
        seen.Should().Equal(Enumerable.Reverse(ids));

        (await (await t.Agent.GetAsync($"/api/cases?customerId={customer.Id}&type=complaint")).Read<Page<CaseSummaryDto>>()).Items.Should().HaveCount(3);
        await (await t.Agent.Act(ids[0], "resolve")).ShouldBe(200);
        (await (await t.Agent.GetAsync($"/api/cases?customerId={customer.Id}&open=true")).Read<Page<CaseSummaryDto>>()).Items.Should().HaveCount(4);
        (await (await t.Agent.GetAsync($"/api/cases?customerId={customer.Id}&status=resolved")).Read<Page<CaseSummaryDto>>()).Items.Select(x => x.Id).Should().Equal(ids[0]);
        var number = (await t.Agent.Case(ids[1])).Number;
        (await (await t.Agent.GetAsync($"/api/cases?q={number.ToLowerInvariant()}")).Read<Page<CaseSummaryDto>>()).Items.Select(x => x.Id).Should().Equal(ids[1]);
        await (await t.Agent.GetAsync("/api/cases?after=garbage")).ShouldBe(400);
        await (await t.Agent.GetAsync("/api/cases?status=maybe")).ShouldBe(400);
        await (await t.Agent.GetAsync("/api/cases?priority=asap")).ShouldBe(400);
    }

    [Fact]
    public async Task Cases_and_replies_reach_the_timeline_and_open_complaints_the_service_first_banner()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var complaint = await t.Agent.NewCase(customer.Id, "complaint", "urgent", subject: "维修工程师一个月没上门");
        await t.Agent.Reply(complaint.Id, "非常抱歉，主管今天下午回电。");
        await (await t.Agent.Act(complaint.Id, "note", new { body = "内部：备件缺货" })).ShouldBe(200);
        var question = await t.Agent.NewCase(customer.Id, "question");

        var timeline = (await t.Admin.Timeline(customer.Id)).Items.Where(e => e.SourceModule == "service").ToList();
        timeline.Should().OnlyContain(e => e.Type == "case");
        timeline.Select(e => e.Title).Should().Contain(x => x.Contains(complaint.Number) && x.Contains("维修工程师一个月没上门"))
            .And.Contain(x => x.Contains(complaint.Number) && x.Contains("回复"))
            .And.Contain(x => x.Contains(question.Number));
        timeline.Should().NotContain(e => (e.Summary ?? "").Contains("备件缺货"), "internal notes stay off the timeline");

        async Task<IReadOnlyList<OpenComplaint>> Complaints()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetServices<IOpenComplaints>().OpenComplaintsOf(customer.Id, default);
        }
        var listed = (await Complaints()).Should().ContainSingle().Subject;
        listed.Id.Should().Be(complaint.Id);
        listed.Subject.Should().Contain("维修工程师一个月没上门");
        Guid.Parse(listed.Href.Replace("/cases/", "", StringComparison.Ordinal)).Should().Be(complaint.Id, "the banner links to the case");
        await (await t.Agent.Act(complaint.Id, "resolve")).ShouldBe(200);
        (await Complaints()).Should().BeEmpty();
        (await t.Admin.Timeline(customer.Id)).Items.Should().Contain(e => e.SourceModule == "service" && e.Title.Contains(complaint.Number) && e.Title.Contains("已解决"));
    }

    [Fact]
    public async Task The_mailbox_seam_finds_a_case_by_its_token_and_threads_the_customers_reply()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id);
        await t.Agent.Reply(c.Id, "请提供设备序列号。", waitOnCustomer: true);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var scope = app.Services.CreateScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<ICaseDirectory>();
            (await directory.FindByNumber($"回复：[{c.Number.ToLowerInvariant()}] 彩超问题", default))!.Id.Should().Be(c.Id);
            (await directory.FindByNumber("没有编号的邮件", default)).Should().BeNull();
            (await directory.AddCustomerReply(c.Id, "序列号是 SN-20261124。", null, default)).Should().Be(c.Id);
        }
        var reopened = await t.Agent.Case(c.Id);
        reopened.Status.Should().Be(CaseStatus.Open, "the customer's answer ends the wait");
        reopened.Messages[^1].Should().Match<CaseMessageDto>(m => m.Kind == CaseMessageKind.Customer && m.AuthorId == null);

        await (await t.Agent.Act(c.Id, "close")).ShouldBe(200);
        Guid followUp;
        using (var scope = app.Services.CreateScope())
            followUp = await scope.ServiceProvider.GetRequiredService<ICaseDirectory>().AddCustomerReply(c.Id, "问题又出现了。", null, default);
        followUp.Should().NotBe(c.Id, "a closed case gets a follow-up case");
        var fresh = await t.Agent.Case(followUp);
        fresh.Links.Should().ContainSingle(l => l.Id == c.Id && l.Kind == CaseLinkKind.FollowUp);
        fresh.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.Customer && m.Body == "问题又出现了。");
        app.Events.Of(followUp).Select(e => e.GetType().Name).Should().Contain(new[] { nameof(CaseOpened), nameof(CaseCustomerReplied) });
    }

    [Fact]
    public async Task Open_cases_move_with_a_hand_over_and_a_customer_merge_and_a_contacts_erasure_clears_their_cases()
    {
        var t = await People();
        // The agent's own customer: a hand-over of the agent moves it with its open case; a resolved case stays.
        var own = await t.Agent.NewCustomer();
        var open = await t.Agent.NewCase(own.Id);
        var done = await t.Agent.NewCase(own.Id);
        await (await t.Agent.Act(done.Id, "resolve")).ShouldBe(200);
        await (await t.Manager.PostAsJsonAsync("/api/handovers", new { fromUserId = t.AgentUser.Id, toUserIds = new[] { t.TeammateUser.Id } })).ShouldBe(201);
        (await t.Admin.Case(open.Id)).OwnerId.Should().Be(t.TeammateUser.Id);
        (await t.Admin.Case(done.Id)).OwnerId.Should().Be(t.AgentUser.Id);

        // A customer merge moves the merged customer's cases to the survivor.
        var survivor = await t.Admin.NewCustomer();
        var merged = await t.Admin.NewCustomer();
        var onMerged = await t.Agent.NewCase(merged.Id);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor.Id}/merge")
        {
            Content = JsonContent.Create(new { otherIds = new[] { merged.Id } }),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{survivor.Version}\""));
        await (await t.Admin.SendAsync(request)).ShouldBe(200);
        (await t.Agent.Case(onMerged.Id)).CustomerId.Should().Be(survivor.Id);

        // Erasing a contact person clears the cases they raised, keeping number, status and times.
        var contactResponse = await t.Admin.PostAsJsonAsync($"/api/customers/{survivor.Id}/contacts", new { name = "王护士长" }, ApiHelpers.Json);
        await contactResponse.ShouldBe(201);
        var contact = await contactResponse.Read<ContactDto>();
        var raised = await t.Agent.NewCase(survivor.Id, contactId: contact.Id, subject: "王护士长反映监护仪报警");
        await t.Agent.Reply(raised.Id, "王护士长您好，已安排工程师。");
        var export = await t.Admin.GetAsync($"/api/privacy/subjects/contacts/{contact.Id}/export");
        await export.ShouldBe(200);
        await (await t.Admin.PostAsJsonAsync($"/api/privacy/subjects/contacts/{contact.Id}/erase", new { reason = "本人要求删除" }, ApiHelpers.Json)).ShouldBe(200);
        var erased = await t.Agent.Case(raised.Id);
        (erased.Number, erased.Status, erased.Subject, erased.Description).Should().Be((raised.Number, CaseStatus.Open, "[erased]", (string?)null));
        erased.Messages.Should().OnlyContain(m => m.Body == "[erased]");
        (await t.Agent.Case(onMerged.Id)).Subject.Should().Be(onMerged.Subject, "another contact's case keeps its text");
    }
}

public sealed class CaseApiTestsOnSqlite(SqliteServiceApp app) : CaseApiTests(app), IClassFixture<SqliteServiceApp>;
public sealed class CaseApiTestsOnPostgres(PostgresServiceApp app) : CaseApiTests(app), IClassFixture<PostgresServiceApp>;
