using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Leads;

/// <summary>
/// Web-to-lead forms (DOMAIN M5) on both providers: the admin API, the hosted page and the public endpoint end to end;
/// the honeypot, the minimum fill time, field messages in the visitor's language, markup shown as text, a phone or email
/// already held attaching instead of creating, and hostile bodies and a burst from one address never getting a 5xx.
/// </summary>
public abstract partial class WebFormTests(WebFormApp app)
{
    private static async Task<LeadFormDto> CreateForm(HttpClient admin, string? title = null, bool consent = true, string? label = null)
    {
        var response = await admin.PostAsJsonAsync("/api/forms", new
        {
            name = ApiHelpers.Unique("官网咨询"),
            fields = new object[]
            {
                new { field = "name", labelZh = label ?? "姓名", labelEn = "Name", required = true },
                new { field = "company", labelZh = "公司", labelEn = "Company", required = false },
                new { field = "phone", labelZh = "手机", labelEn = "Mobile", required = false },
                new { field = "email", labelZh = "邮箱", labelEn = "Email", required = false },
                new { field = "companySize", required = false },
                new { field = "message", required = false },
            },
            titleZh = title ?? "联系我们", titleEn = "Contact us", thankYouZh = "谢谢，我们会在一个工作日内联系您。", thankYouEn = "Thank you!",
            asksConsent = consent, consentTextZh = consent ? "我同意接收产品信息" : null, consentTextEn = consent ? "I agree to receive product news" : null,
            consentVersion = consent ? "2026-12" : null, source = "webForm", sourceDetail = "官网首页",
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return (await response.Content.ReadFromJsonAsync<LeadFormDto>(ApiHelpers.Json))!;
    }

    /// <summary>A fill-time token as if the page had been rendered a minute ago.</summary>
    private string Token(string key) =>
        app.Services.GetRequiredService<FormFillTime>().Issue(key, DateTimeOffset.UtcNow.AddMinutes(-1));

    private static Task<HttpResponseMessage> PostJson(HttpClient client, string key, object body, string? lang = null) =>
        client.PostAsJsonAsync($"/api/public/forms/{key}{(lang is null ? "" : "?lang=" + lang)}", body);

    private static HttpRequestMessage BrowserPost(string key, IEnumerable<KeyValuePair<string, string>> values, string lang = "zh-CN") => new(HttpMethod.Post, $"/api/public/forms/{key}?lang={lang}")
    {
        Content = new FormUrlEncodedContent(values),
        Headers = { { "Accept", "text/html,application/xhtml+xml" } },
    };

    private async Task<T> InDb<T>(Func<KeqingDb, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<KeqingDb>());
    }

    private Task<List<FormSubmission>> Submissions(Guid formId) =>
        InDb(db => db.Set<FormSubmission>().AsNoTracking().Where(s => s.FormId == formId).OrderBy(s => s.SubmittedAt).ToListAsync());

    private static string UniquePhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_visitor_fills_the_hosted_page_and_becomes_a_lead_of_the_form_s_creator_with_the_source_and_consent()
    {
        var admin = await app.AdminClient();
        var form = await CreateForm(admin);
        form.Key.Length.Should().BeGreaterThanOrEqualTo(22, "128 random bits");
        var visitor = app.CreateClient();

        var page = await visitor.GetAsync($"/f/{form.Key}");
        await page.ShouldBe(200);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("联系我们").And.Contain("name=\"website\"").And.Contain("name=\"_t\"").And.Contain("我同意接收产品信息")
            .And.Contain("width=device-width").And.Contain($"action=\"/api/public/forms/{form.Key}?lang=zh-CN\"");
        (await (await visitor.GetAsync($"/f/{form.Key}?lang=en")).Content.ReadAsStringAsync()).Should().Contain("Contact us").And.Contain("Mobile");
        (await visitor.GetAsync("/f/no-such-form")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Posted at once with the page's own token: too fast for a person; the form comes back with a message, nothing stored.
        var pageToken = TokenIn().Match(html).Groups[1].Value;
        var phone = UniquePhone();
        var fast = await visitor.SendAsync(BrowserPost(form.Key, [new("name", "王磊"), new("phone", phone), new("_t", WebUtility.HtmlDecode(pageToken))]));
        await fast.ShouldBe(400);
        (await fast.Content.ReadAsStringAsync()).Should().Contain("王磊", "the visitor's values are kept").And.Contain("太快");
        (await Submissions(form.Id)).Should().BeEmpty();

        var sent = await visitor.SendAsync(BrowserPost(form.Key,
            [new("name", "王磊"), new("company", "明远医疗"), new("phone", phone), new("companySize", "medium"), new("message", "想了解报价"),
             new("consent", "on"), new("website", ""), new("_t", Token(form.Key))]));
        await sent.ShouldBe(200);
        (await sent.Content.ReadAsStringAsync()).Should().Contain("谢谢，我们会在一个工作日内联系您。");

        var submission = (await Submissions(form.Id)).Should().ContainSingle().Subject;
        submission.ConsentGiven.Should().BeTrue();
        submission.ConsentVersion.Should().Be("2026-12");
        var lead = await InDb(db => db.Set<Lead>().AsNoTracking().SingleAsync(l => l.Id == submission.LeadId));
        lead.Name.Should().Be("王磊");
        lead.Company.Should().Be("明远医疗");
        lead.Phones.Should().Equal(phone);
        lead.CompanySize.Should().Be(CompanySize.Medium);
        lead.Source.Should().Be(LeadSource.WebForm);
        lead.SourceDetail.Should().Be("官网首页");
        lead.LegalBasis.Should().Be(LegalBasis.Consent);
        lead.OwnerId.Should().Be(form.CreatedById, "no assignment rule matched: the form's creator");
        lead.RespondBy.Should().NotBeNull();
        (await InDb(db => db.Set<LeadActivity>().AsNoTracking().Where(a => a.LeadId == lead.Id).Select(a => a.Kind).ToListAsync()))
            .Should().BeEquivalentTo([LeadActivityKind.Created, LeadActivityKind.FormSubmitted]);

        // JSON, without the consent box: legal basis None.
        var json = await PostJson(visitor, form.Key, new Dictionary<string, object?>
        {
            ["name"] = "李娜", ["email"] = $"{Guid.NewGuid():N}@example.cn", ["_t"] = Token(form.Key),
        });
        await json.ShouldBe(200);
        (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Be("谢谢，我们会在一个工作日内联系您。");
        var second = (await Submissions(form.Id)).Last();
        (await InDb(db => db.Set<Lead>().AsNoTracking().Where(l => l.Id == second.LeadId).Select(l => l.LegalBasis).SingleAsync()))
            .Should().Be(LegalBasis.None);
    }

    [Fact]
    public async Task Field_messages_name_every_bad_field_in_the_visitor_s_language()
    {
        var form = await CreateForm(await app.AdminClient());
        var visitor = app.CreateClient();
        var bad = new Dictionary<string, object?> { ["name"] = " ", ["phone"] = "12345", ["email"] = "not-an-email", ["companySize"] = "huge", ["_t"] = Token(form.Key) };

        var zh = await PostJson(visitor, form.Key, bad);
        await zh.ShouldBe(400);
        var errors = (await zh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["name", "phone", "email", "companySize"]);
        errors.GetProperty("name")[0].GetString().Should().Be("必填。");

        var en = await PostJson(visitor, form.Key, bad, "en");
        await en.ShouldBe(400);
        (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("email")[0].GetString().Should().Be("Not a valid email address.");

        var noToken = await PostJson(visitor, form.Key, new { name = "张三", phone = UniquePhone() });
        await noToken.ShouldBe(400);
        (await noToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("_t", out _).Should().BeTrue();
        var forged = await PostJson(visitor, form.Key, new { name = "张三", phone = UniquePhone(), _t = Token("another-form") });
        await forged.ShouldBe(400);
        (await Submissions(form.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_and_nothing_is_stored()
    {
        var form = await CreateForm(await app.AdminClient());
        var visitor = app.CreateClient();
        var leadsBefore = await InDb(db => db.Set<Lead>().CountAsync());

        var json = await PostJson(visitor, form.Key, new { name = "Bot", phone = UniquePhone(), website = "http://spam.example", _t = Token(form.Key) });
        await json.ShouldBe(200);
        var browser = await visitor.SendAsync(BrowserPost(form.Key, [new("name", "Bot"), new("website", "x")]));
        await browser.ShouldBe(200);
        (await browser.Content.ReadAsStringAsync()).Should().Contain("谢谢");

        (await Submissions(form.Id)).Should().BeEmpty();
        (await InDb(db => db.Set<Lead>().CountAsync())).Should().Be(leadsBefore);
    }

    [Fact]
    public async Task Markup_in_form_texts_is_shown_as_text_on_the_page_the_thank_you_and_the_snippet()
    {
        var admin = await app.AdminClient();
        var form = await CreateForm(admin, title: "<script>alert('t')</script>", label: "<b onclick=x>姓名</b>");
        var visitor = app.CreateClient();

        var page = await (await visitor.GetAsync($"/f/{form.Key}")).Content.ReadAsStringAsync();
        page.Should().NotContain("<script>").And.NotContain("<b onclick").And.Contain("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;")
            .And.Contain("&lt;b onclick=x&gt;姓名&lt;/b&gt;");

        var thanks = await visitor.SendAsync(BrowserPost(form.Key, [new("name", "<img src=x onerror=alert(1)>"), new("phone", UniquePhone()), new("_t", Token(form.Key))]));
        await thanks.ShouldBe(200);
        (await thanks.Content.ReadAsStringAsync()).Should().NotContain("<script>");
        var refused = await visitor.SendAsync(BrowserPost(form.Key, [new("name", "<img src=x onerror=alert(1)>"), new("email", "bad"), new("_t", Token(form.Key))]));
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().NotContain("<img").And.Contain("&lt;img src=x onerror=alert(1)&gt;");

        var snippet = await admin.GetStringAsync($"/api/forms/{form.Id}/snippet");
        snippet.Should().StartWith("<form method=\"post\" action=\"http://localhost/api/public/forms/" + form.Key)
            .And.Contain("name=\"website\"").And.Contain("name=\"_t\"").And.NotContain("<b onclick");
    }

    [Fact]
    public async Task A_phone_or_email_already_held_attaches_the_inquiry_to_the_lead_or_customer_and_tells_the_owner()
    {
        var admin = await app.AdminClient();
        var form = await CreateForm(admin);
        var visitor = app.CreateClient();
        var phone = UniquePhone();

        await (await PostJson(visitor, form.Key, new { name = "赵敏", phone = phone[..3] + " " + phone[3..7] + " " + phone[7..], _t = Token(form.Key) })).ShouldBe(200);
        var email = $"{Guid.NewGuid():N}@example.cn";
        await (await PostJson(visitor, form.Key, new { name = "赵敏", phone = "+86 " + phone, email, message = "再问一次", _t = Token(form.Key) })).ShouldBe(200);
        await (await PostJson(visitor, form.Key, new { name = "Zhao Min", email = email.ToUpperInvariant(), _t = Token(form.Key) })).ShouldBe(200);

        var posts = await Submissions(form.Id);
        posts.Should().HaveCount(3);
        posts.Select(p => p.LeadId).Distinct().Should().ContainSingle("a phone or email already held makes no second lead");
        var leadId = posts[0].LeadId!.Value;
        (await InDb(db => db.Set<LeadActivity>().CountAsync(a => a.LeadId == leadId && a.Kind == LeadActivityKind.FormSubmitted))).Should().Be(3);
        (await InDb(db => db.Set<Notification>().CountAsync(n => n.EventType == "lead.inquiry" && n.Link == $"/leads/{leadId}"))).Should().Be(2);

        // A customer's phone: no lead, a timeline entry on the customer, its owner told.
        var customerPhone = UniquePhone();
        var created = await admin.PostAsJsonAsync("/api/customers", new { kind = "person", name = ApiHelpers.Unique("老客户"), phones = new[] { customerPhone } }, ApiHelpers.Json);
        await created.ShouldBe(201);
        var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var leadsBefore = await InDb(db => db.Set<Lead>().CountAsync());
        await (await PostJson(visitor, form.Key, new { name = "老客户", phone = customerPhone, message = "设备报修", _t = Token(form.Key) })).ShouldBe(200);

        (await InDb(db => db.Set<Lead>().CountAsync())).Should().Be(leadsBefore);
        var attached = (await Submissions(form.Id)).Last();
        attached.CustomerId.Should().Be(customerId);
        attached.LeadId.Should().BeNull();
        var entry = await InDb(db => db.Set<TimelineEntry>().AsNoTracking().SingleAsync(e => e.SourceId == attached.Id));
        entry.CustomerId.Should().Be(customerId);
        entry.Summary.Should().Contain("设备报修");
        (await InDb(db => db.Set<Notification>().CountAsync(n => n.EventType == "lead.inquiry" && n.Link == $"/customers/{customerId}/timeline"))).Should().Be(1);
    }

    [Fact]
    public async Task Posts_with_the_same_phone_at_the_same_moment_make_one_lead()
    {
        var admin = await app.AdminClient();
        var form = await CreateForm(admin);
        var phone = UniquePhone();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            PostJson(app.CreateClient(), form.Key, new { name = $"同时{i}", phone, message = $"第{i}次", _t = Token(form.Key) })));
        foreach (var response in responses) await response.ShouldBe(200);

        var posts = await Submissions(form.Id);
        posts.Should().HaveCount(8);
        posts.Select(p => p.LeadId).Distinct().Should().ContainSingle("eight posts of one phone at once make one lead, the others attach to it");
        var leadId = posts[0].LeadId!.Value;
        (await InDb(db => db.Set<LeadActivity>().CountAsync(a => a.LeadId == leadId && a.Kind == LeadActivityKind.FormSubmitted))).Should().Be(8);
    }

    [Fact]
    public async Task Hostile_bodies_get_400_never_a_5xx_and_store_nothing()
    {
        var form = await CreateForm(await app.AdminClient());
        var visitor = app.CreateClient();
        var url = $"/api/public/forms/{form.Key}";
        var token = Token(form.Key);
        var random = new Random(20261203);
        var bodies = new List<HttpContent>
        {
            Raw("", "application/json"), Raw("{", "application/json"), Raw("{\"name\":\"a", "application/json"), Raw("null", "application/json"),
            Raw("[]", "application/json"), Raw("[null]", "application/json"), Raw("\"text\"", "application/json"), Raw("{\"name\":null,\"phone\":null}", "application/json"),
            Raw("{\"name\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}", "application/json"), Raw("{\"name\":[1,2]}", "application/json"),
            Raw($"{{\"name\":\"a\\u0000b\",\"phone\":\"13800138000\",\"_t\":\"{token}\"}}", "application/json"),
            Raw($"{{\"name\":\"\\u001b[31m\",\"email\":\"a@b.cn\",\"_t\":\"{token}\"}}", "application/json"),
            Raw("name=%00&phone=%ZZ%&_t=" + Uri.EscapeDataString(token), "application/x-www-form-urlencoded"),
            Raw("name=a%01b&email=a%40b.cn&_t=" + Uri.EscapeDataString(token), "application/x-www-form-urlencoded"),
            Raw("=&&&=&name", "application/x-www-form-urlencoded"), Raw("name=张三", "text/plain"), Raw("<xml/>", "application/xml"),
            Raw("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n张", "multipart/form-data; boundary=x"),
            Raw("{\"name\":\"x\"}", "application/json; charset=utf-16"), Raw("{\"name\":\"x\"}", "no/such type"),
            new ByteArrayContent([0xC3, 0x28, 0xFF, 0xFE]) { Headers = { { "Content-Type", "application/json" } } },
            new ByteArrayContent([0xC3, 0x28, 0xFF, 0xFE]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } },
            Raw("{\"name\":\"" + new string('长', 200_000) + "\"}", "application/json"),
            Raw("name=" + new string('a', 1_000_000), "application/x-www-form-urlencoded"),
            Raw($"{{\"name\":\"{new string('名', 201)}\",\"phone\":\"13800138000\",\"_t\":\"{token}\"}}", "application/json"),
            Raw($"{{\"name\":\"张三\",\"phone\":\"13800138000\",\"_t\":\"{token[..^4]}\"}}", "application/json"),
            new ByteArrayContent([]),
        };
        for (var i = 0; i < 100; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            bodies.Add(new ByteArrayContent(bytes) { Headers = { { "Content-Type", i % 2 == 0 ? "application/json" : "application/x-www-form-urlencoded" } } });
            var chars = Enumerable.Range(0, random.Next(1, 80)).Select(_ => (char)random.Next(0, 0x3000)).ToArray();
            bodies.Add(JsonContent.Create(new Dictionary<string, object?> { ["name"] = new string(chars), ["phone"] = new string(chars.Reverse().ToArray()), ["_t"] = token }));
        }

        var wrong = new List<string>();
        foreach (var body in bodies)
        {
            var response = await visitor.PostAsync(url, body);
            if ((int)response.StatusCode is not (400 or 200))
                wrong.Add($"{(int)response.StatusCode} for {body.Headers.ContentType}: {await response.Content.ReadAsStringAsync()}");
        }
        wrong.Should().BeEmpty();
        (await InDb(db => db.Set<FormSubmission>().CountAsync(s => s.FormId == form.Id))).Should().BeLessThan(20,
            "only a random body that happens to be a valid post can be stored");
        (await InDb(db => db.Set<FormSubmission>().AsNoTracking().Where(s => s.FormId == form.Id).Select(s => s.Values).ToListAsync()))
            .Should().OnlyContain(v => !v.Contains("\\u0000"));
    }

    [Fact]
    public async Task A_burst_of_10000_posts_a_minute_from_one_address_gets_400_or_429_with_Retry_After_never_a_5xx()
    {
        var form = await CreateForm(await app.AdminClient());
        var token = Token(form.Key);
        var statuses = new ConcurrentDictionary<int, int>();
        var retryAfterMissing = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var client = app.CreateClient();
            // Bodies a bot would send: no name, a phone that is not one, no token, or a stale copy of one.
            var body = (i % 4) switch
            {
                0 => (HttpContent)JsonContent.Create(new { phone = "1", _t = token }),
                1 => new FormUrlEncodedContent([new("name", "bot"), new("phone", "x")]),
                2 => new StringContent("{\"name\":", Encoding.UTF8, "application/json"),
                _ => JsonContent.Create(new { name = "\u0000", email = "bot@", _t = token }),
            };
            var response = await client.PostAsync($"/api/public/forms/{form.Key}", body, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter is null) Interlocked.Increment(ref retryAfterMissing);
        });
        statuses.Keys.Should().BeSubsetOf([400, 429]);
        statuses.GetValueOrDefault(400).Should().BeLessThanOrEqualTo(WebFormApp.PostsPerMinute, "one address gets the form's budget per minute");
        statuses.GetValueOrDefault(429).Should().BeGreaterThanOrEqualTo(10_000 - WebFormApp.PostsPerMinute);
        retryAfterMissing.Should().Be(0);
        (await Submissions(form.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_admin_API_checks_every_field_and_changes_a_form_only_under_If_Match()
    {
        var admin = await app.AdminClient();
        var bad = await admin.PostAsJsonAsync("/api/forms", new
        {
            name = "", fields = new object[] { new { field = "password", required = true }, new { field = "message", required = false }, new { field = "message", required = false } },
            asksConsent = true, consentTextZh = "", consentVersion = (string?)null,
        }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(["name", "fields[0].field", "fields[2].field", "fields", "consentTextZh", "consentVersion"]);

        var form = await CreateForm(admin);
        var changed = new
        {
            name = form.Name, fields = form.Fields, titleZh = "新标题", titleEn = "New title", asksConsent = false, active = false,
        };
        await (await admin.PutAsJsonAsync($"/api/forms/{form.Id}", changed, ApiHelpers.Json)).ShouldBe(428);
        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/forms/{form.Id}")
        {
            Content = JsonContent.Create(changed, options: ApiHelpers.Json), Headers = { { "If-Match", "\"99\"" } },
        })).ShouldBe(412);
        var saved = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/forms/{form.Id}")
        {
            Content = JsonContent.Create(changed, options: ApiHelpers.Json), Headers = { { "If-Match", $"\"{form.Version}\"" } },
        });
        await saved.ShouldBe(200);
        var after = (await saved.Content.ReadFromJsonAsync<LeadFormDto>(ApiHelpers.Json))!;
        after.Key.Should().Be(form.Key);
        after.TitleZh.Should().Be("新标题");
        // An inactive form is not served.
        (await app.CreateClient().GetAsync($"/f/{form.Key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/forms/{form.Id}")).ShouldBe(204);
    }

    private static StringContent Raw(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    [GeneratedRegex("name=\"_t\" value=\"([^\"]+)\"")]
    private static partial Regex TokenIn();
}

/// <summary>The host with a per-form budget the burst test can count against.</summary>
public abstract class WebFormApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
{
    public const int PostsPerMinute = 300;

    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting("Keqing:Leads:Forms:PostsPerMinute", PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class SqliteWebFormApp(PostgresServer postgres) : WebFormApp(postgres, Provider.Sqlite);
public sealed class PostgresWebFormApp(PostgresServer postgres) : WebFormApp(postgres, Provider.Postgres);

public sealed class WebFormTestsOnSqlite(SqliteWebFormApp app) : WebFormTests(app), IClassFixture<SqliteWebFormApp>;
public sealed class WebFormTestsOnPostgres(PostgresWebFormApp app) : WebFormTests(app), IClassFixture<PostgresWebFormApp>;
