using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Kb;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Portal;

/// <summary>
/// The customer portal through the HTTP host on both providers (DOMAIN V7): sign-in by a one-time link (expired, reused,
/// forged, rate limits), the portal cookie kept apart from staff sign-in both ways, the isolation of two organisations'
/// contacts over every portal endpoint (cases, files, internal notes, article drafts: 404, never 200 or 500), the admin's
/// own-cases setting, opening and answering cases with files, preferences as consents.
/// </summary>
public abstract class PortalApiTests(ClockedKeqingApp app)
{
    private static readonly Dictionary<string, string> NoFields = [];

    private sealed record World(HttpClient Admin, HttpClient Agent, CustomerDto A, CustomerDto B, ContactDto A1, string A1Email, ContactDto A2,
        string A2Email, ContactDto B1, string B1Email);

    /// <summary>Two organisations, A with two contacts and B with one; the link limits' window starts afresh.</summary>
    private async Task<World> Organisations()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var agentUser = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var agent = await app.ClientFor(agentUser.Email);
        var a = await admin.NewCustomer();
        var b = await admin.NewCustomer();
        var (a1Email, a2Email, b1Email) = (PortalTestKit.NewEmail(), PortalTestKit.NewEmail(), PortalTestKit.NewEmail());
        return new World(admin, agent, a, b, await admin.NewContact(a.Id, a1Email), a1Email, await admin.NewContact(a.Id, a2Email, "赵工"), a2Email,
            await admin.NewContact(b.Id, b1Email, "钱主任"), b1Email);
    }

    [Fact]
    public async Task A_contact_signs_in_once_by_the_mailed_link_and_the_link_says_nothing_about_unknown_addresses()
    {
        var w = await Organisations();
        var browser = app.Browser();
        await (await browser.GetAsync("/api/portal/me")).ShouldBe(401);
        var page = await browser.GetAsync("/portal");
        page.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("/portal/login");

        var known = await browser.AskForLink(w.A1Email.ToUpperInvariant());
        await known.ShouldBe(202);
        var unknown = await browser.AskForLink(PortalTestKit.NewEmail());
        await unknown.ShouldBe(202);
        (await unknown.Content.ReadAsStringAsync()).Should().Be(await known.Content.ReadAsStringAsync());
        (await app.MailsTo(w.A1Email)).Should().Be(1);
        var bad = await browser.AskForLink("not an address");
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"email\"");

        var token = await app.LinkTokenFor(w.A1Email);
        var forged = await browser.UseLink(token![..^2] + "xx");
        await forged.ShouldBe(400);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("\"token\"");
        await (await browser.UseLink(null)).ShouldBe(400);
        await (await browser.UseLink(token)).ShouldBe(204);
        var me = await (await browser.GetAsync("/api/portal/me")).Read<PortalMeDto>();
        (me.ContactId, me.CustomerId, me.Email).Should().Be((w.A1.Id, w.A.Id, w.A1Email));

        var reused = await app.Browser().UseLink(token);
        await reused.ShouldBe(400);

        await (await browser.AskForLink(w.B1Email)).ShouldBe(202);
        var late = await app.LinkTokenFor(w.B1Email);
        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await (await app.Browser().UseLink(late)).ShouldBe(400);

        await (await browser.PostAsync("/api/portal/logout", null)).ShouldBe(204);
        await (await browser.GetAsync("/api/portal/me")).ShouldBe(401);
    }

    [Fact]
    public async Task Link_requests_are_limited_per_address_and_per_client_with_429_problem_details()
    {
        var w = await Organisations();
        var browser = app.Browser();
        for (var i = 0; i < 3; i++) await (await browser.AskForLink(w.A2Email)).ShouldBe(202);
        var refused = await browser.AskForLink(w.A2Email);
        await refused.ShouldBe(429);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 15 * 60);
        (await app.MailsTo(w.A2Email)).Should().Be(3);

        // From one client: 20 requests in the window, whatever the addresses (here 3 + 16 + 1 more).
        for (var i = 0; i < 17; i++) await (await browser.AskForLink(PortalTestKit.NewEmail())).ShouldBe(202);
        await (await browser.AskForLink(PortalTestKit.NewEmail())).ShouldBe(429);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await (await browser.AskForLink(w.A2Email)).ShouldBe(202);
    }

    [Fact]
    public async Task Portal_and_staff_sign_ins_never_stand_in_for_each_other()
    {
        var w = await Organisations();
        var contact = await app.SignedIn(w.A1Email);
        await (await contact.GetAsync("/api/customers")).ShouldBe(401);
        await (await contact.GetAsync($"/api/cases")).ShouldBe(401);
        await (await contact.GetAsync("/api/portal-settings")).ShouldBe(401);
        var staffPage = await contact.GetAsync("/cases");
        staffPage.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        staffPage.Headers.Location!.ToString().Should().Contain("/login").And.NotContain("/portal/");

        // A staff member signed in by cookie in the same browser, and staff tokens: no portal access.
        var staffBrowser = app.Browser();
        var signIn = await staffBrowser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = KeqingApp.AdminEmail, ["password"] = KeqingApp.AdminPassword,
        }));
        ((int)signIn.StatusCode).Should().BeLessThan(500);
        foreach (var client in new[] { staffBrowser, w.Admin, w.Agent })
        {
            await (await client.GetAsync("/api/portal/me")).ShouldBe(401);
            await (await client.GetAsync("/api/portal/cases")).ShouldBe(401);
            await (await client.GetAsync("/api/portal/articles")).ShouldBe(401);
        }
        var staffOnPortal = await staffBrowser.GetAsync("/portal");
        staffOnPortal.Headers.Location!.ToString().Should().Contain("/portal/login");
    }

    [Fact]
    public async Task Contacts_see_their_organisations_cases_and_public_conversation_and_nothing_of_another_organisation()
    {
        var w = await Organisations();
        var caseA1 = await w.Agent.NewCase(w.A.Id, contactId: w.A1.Id, subject: "彩超探头有条纹");
        var caseA2 = await w.Agent.NewCase(w.A.Id, contactId: w.A2.Id);
        var caseB = await w.Agent.NewCase(w.B.Id, contactId: w.B1.Id);
        var publicFile = await (await w.Agent.Upload(caseA1.Id, "报告.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 test"))).Read<CaseAttachmentDto>();
        await w.Agent.Reply(caseA1.Id, "我们已安排工程师。", attachmentIds: [publicFile.Id]);
        var noteFile = await (await w.Agent.Upload(caseA1.Id, "内部.txt", Encoding.UTF8.GetBytes("内部成本价"))).Read<CaseAttachmentDto>();
        await (await w.Agent.Act(caseA1.Id, "note", new { body = "内部备注：客户欠款", attachmentIds = new[] { noteFile.Id } })).ShouldBe(200);
        var unsent = await (await w.Agent.Upload(caseA1.Id, "草稿.txt", Encoding.UTF8.GetBytes("未发送"))).Read<CaseAttachmentDto>();
        var bFile = await (await w.Agent.Upload(caseB.Id, "b.txt", Encoding.UTF8.GetBytes("B 的文件"))).Read<CaseAttachmentDto>();
        await w.Agent.Reply(caseB.Id, "B 的回复", attachmentIds: [bFile.Id]);

        var kbManager = await app.ClientFor((await w.Admin.CreateUser(Roles.ServiceManager)).Email);
        var publicDraft = await (await kbManager.PostAsJsonAsync("/api/kb/articles",
            new { title = ApiHelpers.Unique("探头清洁方法"), body = "先断电。", tags = new[] { "探头" }, audience = "public" }, ApiHelpers.Json)).Read<KbArticleDto>();
        var publicArticle = await kbManager.Publish(publicDraft.Id);
        var internalArticle = await kbManager.Published(ApiHelpers.Unique("内部报价规则"));
        var draft = await (await kbManager.PostAsJsonAsync("/api/kb/articles",
            new { title = ApiHelpers.Unique("未发布草稿"), body = "草稿", audience = "public" }, ApiHelpers.Json)).Read<KbArticleDto>();

        var a1 = await app.SignedIn(w.A1Email);
        var list = await (await a1.GetAsync("/api/portal/cases")).Read<List<PortalCaseSummary>>();
        list.Select(c => c.Id).Should().BeEquivalentTo(new[] { caseA1.Id, caseA2.Id });
        var read = await (await a1.GetAsync($"/api/portal/cases/{caseA1.Id}")).Read<PortalCaseDto>();
        read.Messages.Should().ContainSingle().Which.Body.Should().Be("我们已安排工程师。");
        read.Messages[0].Attachments.Should().ContainSingle(a => a.Id == publicFile.Id);
        (await (await a1.GetAsync($"/api/portal/cases/{caseA1.Id}")).Content.ReadAsStringAsync()).Should().NotContain("内部备注");
        await (await a1.GetAsync($"/api/portal/files/{publicFile.Id}")).ShouldBe(200);

        // Everything of organisation B, internal notes' and unsent files, drafts and internal articles: 404, never 200 or 500.
        var hidden = new List<HttpResponseMessage>
        {
            await a1.GetAsync($"/api/portal/cases/{caseB.Id}"),
            await a1.PostForm($"/api/portal/cases/{caseB.Id}/reply", new Dictionary<string, string> { ["body"] = "越权回复" }),
            await a1.GetAsync($"/api/portal/files/{bFile.Id}"),
            await a1.GetAsync($"/api/portal/files/{noteFile.Id}"),
            await a1.GetAsync($"/api/portal/files/{unsent.Id}"),
            await a1.GetAsync($"/api/portal/articles/{internalArticle.Id}"),
            await a1.GetAsync($"/api/portal/articles/{draft.Id}"),
            await a1.GetAsync($"/api/portal/cases/{Guid.NewGuid()}"),
            await a1.GetAsync($"/portal/cases/{caseB.Id}"),
            await a1.GetAsync($"/portal/kb/{draft.Id}"),
        };
        foreach (var response in hidden) await response.ShouldBe(404);
        (await w.Agent.Case(caseB.Id)).Messages.Should().NotContain(m => m.Body == "越权回复");
        var articles = await (await a1.GetAsync("/api/portal/articles")).Read<List<PublicArticleSummary>>();
        articles.Should().Contain(a => a.Id == publicArticle.Id).And.NotContain(a => a.Id == internalArticle.Id || a.Id == draft.Id);
        (await (await a1.GetAsync($"/api/portal/articles?q={Uri.EscapeDataString("探头清洁")}")).Read<List<PublicArticleSummary>>())
            .Should().ContainSingle(a => a.Id == publicArticle.Id);
        (await (await a1.GetAsync($"/api/portal/articles/{publicArticle.Id}")).Read<PublicArticle>()).Html.Should().Contain("先断电");

        var b1 = await app.SignedIn(w.B1Email);
        (await (await b1.GetAsync("/api/portal/cases")).Read<List<PortalCaseSummary>>()).Select(c => c.Id).Should().Equal(caseB.Id);
        await (await b1.GetAsync($"/api/portal/files/{publicFile.Id}")).ShouldBe(404);

        // The admin chooses "own cases only": A2's case disappears for A1.
        var settings = await w.Admin.GetAsync("/api/portal-settings");
        await settings.ShouldBe(200);
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/portal-settings") { Content = JsonContent.Create(new { caseVisibility = "ownCases" }, options: ApiHelpers.Json) };
        put.Headers.IfMatch.Add(settings.Headers.ETag!);
        await (await w.Admin.SendAsync(put)).ShouldBe(200);
        try
        {
            (await (await a1.GetAsync("/api/portal/cases")).Read<List<PortalCaseSummary>>()).Select(c => c.Id).Should().Equal(caseA1.Id);
            await (await a1.GetAsync($"/api/portal/cases/{caseA2.Id}")).ShouldBe(404);
        }
        finally
        {
            var now = await w.Admin.GetAsync("/api/portal-settings");
            var back = new HttpRequestMessage(HttpMethod.Put, "/api/portal-settings") { Content = JsonContent.Create(new { caseVisibility = "organisation" }, options: ApiHelpers.Json) };
            back.Headers.IfMatch.Add(now.Headers.ETag!);
            await (await w.Admin.SendAsync(back)).ShouldBe(200);
        }
        await (await w.Agent.PutAsJsonAsync("/api/portal-settings", new { caseVisibility = "ownCases" })).ShouldBe(403);
    }

    [Fact]
    public async Task A_contact_opens_a_case_with_files_and_replies_and_bad_input_names_its_fields()
    {
        var w = await Organisations();
        var a1 = await app.SignedIn(w.A1Email);

        var bad = await a1.PostForm("/api/portal/cases", new Dictionary<string, string> { ["subject"] = "", ["type"] = "praise" });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"type\"");
        var noSubject = await a1.PostForm("/api/portal/cases", new Dictionary<string, string> { ["subject"] = " " });
        await noSubject.ShouldBe(400);
        (await noSubject.Content.ReadAsStringAsync()).Should().Contain("\"subject\"");
        var exe = await a1.PostForm("/api/portal/cases", new Dictionary<string, string> { ["subject"] = "病毒" }, ("photo.png", "MZ\x90\0"u8.ToArray()));
        await exe.ShouldBe(400);
        (await exe.Content.ReadAsStringAsync()).Should().Contain("\"file\"");
        var json = await a1.PostAsJsonAsync("/api/portal/cases", new { subject = "json" }, ApiHelpers.Json);
        await json.ShouldBe(400);

        var created = await a1.PostForm("/api/portal/cases",
            new Dictionary<string, string> { ["subject"] = "打印机卡纸", ["description"] = "每次打印第二页都卡纸。", ["type"] = "repair" }, ("卡纸.png", PortalTestKit.Png));
        await created.ShouldBe(201);
        var mine = await created.Read<PortalCaseDto>();
        (mine.Type, mine.Status).Should().Be((CaseType.Repair, CaseStatus.New));
        mine.Messages.Should().ContainSingle().Which.Attachments.Should().ContainSingle(f => f.FileName == "卡纸.png" && f.ContentType == "image/png");
        var staffView = await w.Admin.Case(mine.Id);
        (staffView.Channel, staffView.ContactId, staffView.CustomerId, staffView.OwnerId).Should().Be((CaseChannel.Portal, (Guid?)w.A1.Id, w.A.Id, w.A.OwnerId));

        var empty = await a1.PostForm($"/api/portal/cases/{mine.Id}/reply", new Dictionary<string, string> { ["body"] = "" });
        await empty.ShouldBe(400);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("\"body\"");
        var replied = await a1.PostForm($"/api/portal/cases/{mine.Id}/reply", new Dictionary<string, string> { ["body"] = "补充：型号 HP-200。" },
            ("型号.txt", Encoding.UTF8.GetBytes("HP-200")));
        await replied.ShouldBe(200);
        (await replied.Read<PortalCaseDto>()).Messages.Should().HaveCount(2).And.Contain(m => m.FromCustomer && m.Body == "补充：型号 HP-200。" && m.Attachments.Count == 1);
        (await w.Admin.Case(mine.Id)).Messages.Should().Contain(m => m.Kind == CaseMessageKind.Customer && m.Body == "补充：型号 HP-200。");

        // A change under the portal cookie must come from this site.
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/api/portal/cases/{mine.Id}/reply")
        {
            Content = new MultipartFormDataContent { { new StringContent("伪造"), "body" } },
        };
        crossSite.Headers.Add("Origin", "https://evil.example.com");
        var refused = await SendWithout(a1, crossSite);
        await refused.ShouldBe(403);
    }

    [Fact]
    public async Task Preferences_are_the_contacts_own_consents()
    {
        var w = await Organisations();
        var a1 = await app.SignedIn(w.A1Email);
        var initial = await (await a1.GetAsync("/api/portal/preferences")).Read<List<PortalPreferenceDto>>();
        initial.Should().HaveCount(6).And.OnlyContain(p => !p.Granted);

        var set = await a1.PutAsJsonAsync("/api/portal/preferences", new { preferences = new[] { new { purpose = "marketing", channel = "email", granted = true } } });
        await set.ShouldBe(200);
        (await set.Read<List<PortalPreferenceDto>>()).Should().ContainSingle(p => p.Granted).Which.Should().Be(new PortalPreferenceDto("marketing", "email", true));
        var staff = await (await w.Admin.GetAsync($"/api/contacts/{w.A1.Id}/consents")).Content.ReadAsStringAsync();
        staff.Should().Contain("portal");
        var off = await a1.PutAsJsonAsync("/api/portal/preferences", new { preferences = new[] { new { purpose = "marketing", channel = "email", granted = false } } });
        (await off.Read<List<PortalPreferenceDto>>()).Should().OnlyContain(p => !p.Granted);

        var bad = await a1.PutAsJsonAsync("/api/portal/preferences", new { preferences = new[] { new { purpose = "profiling", channel = "visit", granted = true } } });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"preferences\"");
    }

    [Fact]
    public async Task The_pages_sign_in_by_link_open_a_case_and_read_in_chinese_or_english()
    {
        var w = await Organisations();
        var browser = app.Browser();
        var login = await browser.GetAsync("/portal/login");
        await login.ShouldBe(200);
        var html = await login.Content.ReadAsStringAsync();
        html.Should().Contain("登录客户服务中心").And.Contain("width=device-width");
        await (await browser.PostAsync("/portal/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = w.A1Email }))).ShouldBe(400);
        var sent = await browser.PostAsync("/portal/login", Form(html, new() { ["email"] = w.A1Email }));
        await sent.ShouldBe(200);
        (await sent.Content.ReadAsStringAsync()).Should().Contain("登录链接已发往");

        var confirm = await browser.GetAsync("/portal/sign-in?token=" + await app.LinkTokenFor(w.A1Email));
        var confirmHtml = await confirm.Content.ReadAsStringAsync();
        var signedIn = await browser.PostAsync("/portal/sign-in", Form(confirmHtml, new() { ["token"] = await app.LinkTokenFor(w.A1Email) ?? "" }));
        signedIn.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().Should().EndWith("/portal");
        var again = await app.Browser().PostAsync("/portal/sign-in", Form(confirmHtml, new() { ["token"] = await app.LinkTokenFor(w.A1Email) ?? "" }));
        ((int)again.StatusCode).Should().Be(400);

        var home = await (await browser.GetAsync("/portal")).Content.ReadAsStringAsync();
        home.Should().Contain("我的工单").And.Contain(w.A.Name);
        var newCase = await (await browser.GetAsync("/portal/cases/new")).Content.ReadAsStringAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery(newCase)), "__RequestVerificationToken" },
            { new StringContent("空调不制冷<script>"), "subject" }, { new StringContent("repair"), "type" },
        };
        var opened = await browser.PostAsync("/portal/cases/new", form);
        opened.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        var casePage = await (await browser.GetAsync(opened.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        casePage.Should().Contain("空调不制冷&lt;script&gt;").And.NotContain("空调不制冷<script>").And.Contain("已受理");
        var noToken = await browser.PostAsync("/portal/cases/new", new MultipartFormDataContent { { new StringContent("x"), "subject" } });
        await noToken.ShouldBe(400);

        await browser.GetAsync("/culture/en?returnUrl=/portal");
        (await (await browser.GetAsync("/portal")).Content.ReadAsStringAsync()).Should().Contain("My cases").And.Contain("Received");
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery(page);
        return new FormUrlEncodedContent(fields);
    }

    private static string Antiforgery(string page) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>Sends with the request's own headers only (no default Origin).</summary>
    private static Task<HttpResponseMessage> SendWithout(HttpClient client, HttpRequestMessage request)
    {
        client.DefaultRequestHeaders.Remove("Origin");
        return client.SendAsync(request);
    }
}

public sealed class PortalApiTestsOnSqlite(SqliteClockedApp app) : PortalApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class PortalApiTestsOnPostgres(PostgresClockedApp app) : PortalApiTests(app), IClassFixture<PostgresClockedApp>;
