using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Service.Features;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Portal;
using Keqing.Tests.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// The service intake team (ADR 0110) through the HTTP host on both providers: the admin setting (validation in zh-CN,
/// If-Match, access); portal and mail cases of a customer owned outside the intake team land in that team, assigned by
/// skill or waiting in its queue, and the customer's owner is notified and reads but cannot change them; without the
/// setting, such cases keep the customer owner's team as before. The sales rep told of such a case opens it (API and
/// page) through their read share, without the capability to work cases, and changes nothing.
/// </summary>
public abstract class IntakeRoutingTests(ServiceApp app)
{
    private sealed record Intake(HttpClient Admin, TeamDto Team, UserDto Lead, UserDto Skilled, Guid ProductId);

    private static HttpRequestMessage Put(object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/skills/intake") { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        if (etag is not null) request.Headers.IfMatch.Add(etag == "*" ? EntityTagHeaderValue.Any : new EntityTagHeaderValue(etag));
        return request;
    }

    private static async Task<IntakeSettingDto> SetIntake(HttpClient admin, Guid? teamId)
    {
        var response = await admin.SendAsync(Put(new { teamId }, "*"));
        await response.ShouldBe(200);
        return await response.Read<IntakeSettingDto>();
    }

    /// <summary>A service team whose manager is the lead, with auto-assignment on and one agent holding a product line.</summary>
    private async Task<Intake> IntakeTeam()
    {
        var admin = await app.AdminClient();
        var lead = await admin.CreateUser(Roles.ServiceManager);
        var team = await admin.CreateTeam(ApiHelpers.Unique("客服受理组"), lead.Id);
        var skilled = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        await (await admin.PutAsJsonAsync($"/api/skills/teams/{team.Id}", new { autoAssign = true }, ApiHelpers.Json)).ShouldBe(200);
        var ultrasound = await admin.NewCategory(ApiHelpers.Unique("超声"));
        var probe = await admin.NewProduct(categoryId: ultrasound.Id);
        var skill = await admin.PostAsJsonAsync("/api/skills", new { kind = "productLine", value = ultrasound.Id.ToString() }, ApiHelpers.Json);
        await skill.ShouldBe(201);
        var line = await skill.Read<SkillDto>();
        await (await admin.PutAsJsonAsync($"/api/skills/agents/{skilled.Id}", new { skillIds = new[] { line.Id } }, ApiHelpers.Json)).ShouldBe(200);
        return new Intake(admin, team, lead, skilled, probe.Id);
    }

    /// <summary>A customer owned by <paramref name="ownerId"/> with a contact at a new address.</summary>
    private static async Task<(CustomerDto Customer, string Email)> CustomerOf(HttpClient admin, Guid ownerId)
    {
        var customer = await CustomerApiTests.Create(admin, new { kind = "organization", name = ApiHelpers.Unique("人民医院"), ownerId });
        var email = PortalTestKit.NewEmail();
        await admin.NewContact(customer.Id, email);
        return (customer, email);
    }

    private async Task<CaseDto> PortalCase(HttpClient admin, string email, Guid? productId = null)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(16)); // the sign-in link limits' window starts afresh
        var contact = await app.SignedIn(email);
        var fields = new Dictionary<string, string> { ["subject"] = ApiHelpers.Unique("探头图像有条纹"), ["type"] = "repair" };
        if (productId is { } p) fields["productId"] = p.ToString();
        var response = await contact.PostForm("/api/portal/cases", fields);
        await response.ShouldBe(201);
        return await admin.Case((await response.Read<PortalCaseDto>()).Id);
    }

    /// <summary>A new mail from the address, handed to the case intake as the mailbox does after storing it.</summary>
    private async Task<CaseDto> MailCase(HttpClient admin, Guid customerId, string from)
    {
        using (var scope = app.Services.CreateScope())
        {
            var intake = scope.ServiceProvider.GetServices<IInboundMailHandler>().Single(h => h.Name == CaseMailIntake.HandlerName);
            var mail = new InboundMail(Guid.NewGuid(), Guid.NewGuid(), $"<{Guid.NewGuid():N}@hospital.example>", null, [], from, "王护士长",
                ["service@keqing.test"], ApiHelpers.Unique("监护仪报警"), app.Clock.GetUtcNow().UtcDateTime, "您好，监护仪一直报警，请尽快处理。", null, []);
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await intake.Handle(mail, default)).Should().BeTrue();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        using var read = app.Services.CreateScope();
        var id = await read.ServiceProvider.GetRequiredService<KeqingDb>().Set<ServiceCase>()
            .Where(c => c.CustomerId == customerId && c.Channel == CaseChannel.Email).Select(c => c.Id).SingleAsync();
        return await admin.Case(id);
    }

    private static async Task<List<NotificationDto>> Told(HttpClient client) =>
        (await (await client.GetAsync("/api/notifications?limit=50")).Read<Page<NotificationDto>>()).Items
        .Where(n => n.EventType == EventTypes.CaseOpenedForMyCustomer).ToList();

    [Fact]
    public async Task The_intake_team_is_an_admin_setting_validated_in_zh_CN_and_changed_under_If_Match()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam(ApiHelpers.Unique("客服受理组"));
        var agentUser = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var agent = await app.ClientFor(agentUser.Email);
        await SetIntake(admin, null);

        var read = await admin.GetAsync("/api/skills/intake");
        await read.ShouldBe(200);
        var etag = read.Headers.ETag!.Tag;
        (await read.Read<IntakeSettingDto>()).TeamId.Should().BeNull();
        await (await agent.GetAsync("/api/skills/intake")).ShouldBe(403);
        await (await agent.SendAsync(Put(new { teamId = team.Id }, etag))).ShouldBe(403);

        await (await admin.SendAsync(Put(new { teamId = team.Id }, null))).ShouldBe(428);
        var notATeam = Put(new { teamId = agentUser.Id }, etag);
        notATeam.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var refused = await admin.SendAsync(notATeam);
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("\"teamId\"").And.Contain("没有这个编号的团队");

        var set = await admin.SendAsync(Put(new { teamId = team.Id }, etag));
        await set.ShouldBe(200);
        var setting = await set.Read<IntakeSettingDto>();
        (setting.TeamId, setting.TeamName).Should().Be(((Guid?)team.Id, team.Name));
        await (await admin.SendAsync(Put(new { teamId = (Guid?)null }, etag))).ShouldBe(412); // someone changed it since that version was read
        var again = await admin.GetAsync("/api/skills/intake");
        (await again.Read<IntakeSettingDto>()).TeamId.Should().Be(team.Id);
        var cleared = await admin.SendAsync(Put(new { teamId = (Guid?)null }, again.Headers.ETag!.Tag));
        await cleared.ShouldBe(200);
        (await cleared.Read<IntakeSettingDto>()).TeamId.Should().BeNull();
    }

    [Fact]
    public async Task Portal_and_mail_cases_of_a_customer_owned_outside_the_intake_team_land_there_and_the_owner_reads_along()
    {
        var t = await IntakeTeam();
        var salesTeam = await t.Admin.CreateTeam(ApiHelpers.Unique("华东销售"));
        var rep = await t.Admin.CreateUser(Roles.SalesRep, salesTeam.Id);
        var fieldTeam = await t.Admin.CreateTeam(ApiHelpers.Unique("现场服务组"));
        var engineer = await t.Admin.CreateUser(Roles.ServiceAgent, fieldTeam.Id); // owns a customer, works in another team
        var (repCustomer, repEmail) = await CustomerOf(t.Admin, rep.Id);
        var (engineerCustomer, engineerEmail) = await CustomerOf(t.Admin, engineer.Id);
        await SetIntake(t.Admin, t.Team.Id);

        // A portal case about a product: the intake team's agent with that product line takes it.
        var portal = await PortalCase(t.Admin, repEmail, t.ProductId);
        (portal.TeamId, portal.OwnerId).Should().Be(((Guid?)t.Team.Id, t.Skilled.Id));

        // A mail case while the only agent is away: it waits in the intake team's queue, owned by the team's manager.
        await (await t.Admin.PutAsJsonAsync($"/api/skills/agents/{t.Skilled.Id}", new { available = false }, ApiHelpers.Json)).ShouldBe(200);
        var mail = await MailCase(t.Admin, engineerCustomer.Id, engineerEmail);
        (mail.TeamId, mail.OwnerId).Should().Be(((Guid?)t.Team.Id, t.Lead.Id));
        var lead = await app.ClientFor(t.Lead.Email);
        var queue = await (await lead.GetAsync($"/api/queues/{t.Team.Id}")).Read<Page<QueuedCaseDto>>();
        queue.Items.Select(q => q.CaseId).Should().Contain(mail.Id);

        // Each customer's owner is told, and reads the case as a read-only collaborator.
        var repClient = await app.ClientFor(rep.Email);
        (await Told(repClient)).Should().ContainSingle(n => n.Link == $"/cases/{portal.Id}");
        var shared = await (await t.Admin.GetAsync($"/api/cases/{portal.Id}/collaborators")).Read<CollaboratorList>();
        shared.Items.Should().ContainSingle(c => c.UserId == rep.Id && c.Access == CollaboratorAccess.Read);
        var engineerClient = await app.ClientFor(engineer.Email);
        (await Told(engineerClient)).Should().ContainSingle(n => n.Link == $"/cases/{mail.Id}");
        (await engineerClient.Case(mail.Id)).Number.Should().Be(mail.Number);
        await (await engineerClient.PutCase(mail.Id, mail.Version, new { subject = "改一下" })).ShouldBe(403);
        await (await engineerClient.Act(mail.Id, "reply", new { body = "我来回复" })).ShouldBe(403);
        (await (await t.Admin.GetAsync($"/api/cases/{mail.Id}/collaborators")).Read<CollaboratorList>()).Items
            .Should().ContainSingle(c => c.UserId == engineer.Id && c.Access == CollaboratorAccess.Read);
        await SetIntake(t.Admin, null);
    }

    [Fact]
    public async Task The_sales_rep_told_of_an_intake_case_opens_it_and_its_files_but_cannot_work_it_and_another_rep_sees_nothing()
    {
        var t = await IntakeTeam();
        var salesTeam = await t.Admin.CreateTeam(ApiHelpers.Unique("华南销售"));
        var rep = await t.Admin.CreateUser(Roles.SalesRep, salesTeam.Id);
        var colleague = await t.Admin.CreateUser(Roles.SalesRep, salesTeam.Id);
        var (_, email) = await CustomerOf(t.Admin, rep.Id);
        await SetIntake(t.Admin, t.Team.Id);
        var portal = await PortalCase(t.Admin, email);
        var upload = await t.Admin.Upload(portal.Id, "故障说明.txt", "探头外壳有裂纹"u8.ToArray());
        await upload.ShouldBe(201);
        var file = await upload.Read<CaseAttachmentDto>();
        await t.Admin.Reply(portal.Id, "已收到，工程师明天上门。", attachmentIds: [file.Id]);

        // The rep (no capability to work cases) opens the case they were told of, with its conversation and files.
        var repClient = await app.ClientFor(rep.Email);
        var read = await repClient.Case(portal.Id);
        (read.Number, read.Subject, read.TeamId).Should().Be((portal.Number, portal.Subject, (Guid?)t.Team.Id));
        read.Messages.Should().Contain(m => m.Body == "已收到，工程师明天上门。");
        await (await repClient.GetAsync($"/api/case-attachments/{file.Id}")).ShouldBe(200);

        // Reading is all: every change and the service lists stay refused (403) as for anyone without the capability.
        await (await repClient.Act(portal.Id, "reply", new { body = "我来回复客户" })).ShouldBe(403);
        await (await repClient.Act(portal.Id, "note", new { body = "内部备注" })).ShouldBe(403);
        await (await repClient.Act(portal.Id, "resolve")).ShouldBe(403);
        await (await repClient.PutCase(portal.Id, read.Version, new { subject = "改一下" })).ShouldBe(403);
        await (await repClient.GetAsync("/api/cases")).ShouldBe(403);
        (await t.Admin.Case(portal.Id)).Version.Should().Be(read.Version);

        // Without a share nothing shows: a colleague gets 404 for the case and its file, as for an id nobody has.
        var colleagueClient = await app.ClientFor(colleague.Email);
        await (await colleagueClient.GetAsync($"/api/cases/{portal.Id}")).ShouldBe(404);
        await (await colleagueClient.GetAsync($"/api/case-attachments/{file.Id}")).ShouldBe(404);
        await (await repClient.GetAsync($"/api/cases/{Guid.NewGuid()}")).ShouldBe(404);
        await SetIntake(t.Admin, null);
    }

    [Fact]
    public async Task Without_the_setting_portal_and_mail_cases_keep_the_customer_owner_s_team_and_nobody_is_told()
    {
        var t = await IntakeTeam();
        await SetIntake(t.Admin, null);
        var fieldTeam = await t.Admin.CreateTeam(ApiHelpers.Unique("现场服务组"));
        var engineer = await t.Admin.CreateUser(Roles.ServiceAgent, fieldTeam.Id);
        var (customer, email) = await CustomerOf(t.Admin, engineer.Id);

        var portal = await PortalCase(t.Admin, email, t.ProductId);
        (portal.TeamId, portal.OwnerId).Should().Be(((Guid?)fieldTeam.Id, engineer.Id));
        var mail = await MailCase(t.Admin, customer.Id, email);
        (mail.TeamId, mail.OwnerId).Should().Be(((Guid?)fieldTeam.Id, engineer.Id));
        (await Told(await app.ClientFor(engineer.Email))).Should().BeEmpty();
        (await (await t.Admin.GetAsync($"/api/cases/{mail.Id}/collaborators")).Read<CollaboratorList>()).Items.Should().BeEmpty();
    }
}

public sealed class IntakeRoutingTestsOnSqlite(SqliteServiceApp app) : IntakeRoutingTests(app), IClassFixture<SqliteServiceApp>;
public sealed class IntakeRoutingTestsOnPostgres(PostgresServiceApp app) : IntakeRoutingTests(app), IClassFixture<PostgresServiceApp>;
