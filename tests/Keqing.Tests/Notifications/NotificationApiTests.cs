using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Features;
using Keqing.Modules.Notifications.Jobs;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Notifications;

/// <summary>
/// Notifications through the real host on both providers: in-app list and read, preferences, robots with exact payloads
/// and signatures at a loopback stub, email at an SMTP sink, retries with backoff, quiet hours, restart, company registry.
/// </summary>
public abstract class NotificationApiTests(NotificationsApp app)
{
    private static readonly JsonSerializerOptions Json = ApiHelpers.Json;

    private sealed record Member(HttpClient Client, UserDto User, TeamDto Team, HttpClient Admin);

    private async Task<Member> NewMember()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var user = await admin.CreateUser(Roles.SalesRep, team.Id);
        return new Member(await app.ClientFor(user.Email), user, team, admin);
    }

    private Task<int> Dispatch() => app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);

    private async Task Notify(NotificationRequest request)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<INotifier>().Notify(request, default);
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
    }

    private static async Task<NotificationPreferencesDto> SetChannels(HttpClient client, string eventType, Channel[] channels,
        QuietHoursDto? quiet = null, string culture = "zh-CN")
    {
        var current = await client.GetFromJsonAsync<NotificationPreferencesDto>("/api/me/notification-preferences", Json);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences")
        {
            Content = JsonContent.Create(new
            {
                culture, timeZone = "Asia/Shanghai", quietHours = quiet,
                events = new[] { new { eventType, channels = channels.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString())).ToArray() } },
            }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{current!.Version}\""));
        var response = await client.SendAsync(request);
        await response.ShouldBe(200);
        return await response.Read<NotificationPreferencesDto>();
    }

    private async Task<RobotDto> CreateRobot(HttpClient admin, string kind, Guid? teamId, string path, string? secret = null)
    {
        var response = await admin.PostAsJsonAsync("/api/robots",
            new { name = ApiHelpers.Unique(kind), kind, teamId, webhookUrl = $"{app.Robots.BaseUrl}{path}", secret });
        await response.ShouldBe(201);
        return await response.Read<RobotDto>();
    }

    private static string Key() => Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task In_app_notifications_are_listed_read_and_counted()
    {
        var m = await NewMember();
        await Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Test notification",
            "This is a test message from Keqing CRM. If you can read it, this channel works.", "/customers/123"));
        await Notify(new NotificationRequest(EventTypes.ApprovalWaiting, m.User.Id, "Plain title {0}", "Body", null, ["Q-7"]));

        var page = await m.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications?unread=true", Json);
        page!.Items.Should().HaveCount(2);
        page.Items[0].Title.Should().Be("Plain title Q-7", "an unknown key is shown as given, placeholders filled");
        page.Items[1].Title.Should().Be("测试通知", "rendered in the recipient's language (zh-CN by default)");
        page.Items[1].Link.Should().Be("/customers/123");
        (await m.Client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32().Should().Be(2);

        var read = await m.Client.PostAsync($"/api/notifications/{page.Items[1].Id}/read", null);
        await read.ShouldBe(200);
        (await read.Read<NotificationDto>()).ReadAt.Should().NotBeNull();
        (await m.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications?unread=true", Json))!.Items.Should().HaveCount(1);

        var other = await NewMember();
        await (await other.Client.PostAsync($"/api/notifications/{page.Items[0].Id}/read", null)).ShouldBe(404);
        (await other.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications", Json))!.Items.Should().BeEmpty();

        var all = await m.Client.PostAsync("/api/notifications/read-all", null);
        (await all.Read<JsonElement>()).GetProperty("count").GetInt32().Should().Be(1);
        (await m.Client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32().Should().Be(0);
        (await m.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications?limit=1", Json))!.Next.Should().NotBeNull();
    }

    [Fact]
    public async Task In_app_notifications_reach_open_browsers_after_the_save()
    {
        var m = await NewMember();
        var hub = app.Services.GetRequiredService<InAppHub>();
        var heard = new TaskCompletionSource();
        using var _ = hub.Subscribe(m.User.Id, () => { heard.TrySetResult(); return Task.CompletedTask; });
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<INotifier>().Notify(
                new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Test notification", "b"), default);
            heard.Task.IsCompleted.Should().BeFalse("nothing is announced before the caller saves");
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        }
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Preferences_use_etags_and_name_every_bad_field()
    {
        var m = await NewMember();
        var first = await m.Client.GetAsync("/api/me/notification-preferences");
        first.Headers.ETag!.Tag.Should().Be("\"0\"");
        var defaults = await first.Read<NotificationPreferencesDto>();
        defaults.Culture.Should().Be("zh-CN");
        defaults.Events.Should().Contain(e => e.EventType == EventTypes.CommitmentOverdue && e.Channels.SequenceEqual(new[] { Channel.InApp }));

        await (await m.Client.PutAsJsonAsync("/api/me/notification-preferences", new { culture = "en" })).ShouldBe(428);

        var bad = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences")
        {
            Content = JsonContent.Create(new
            {
                culture = "fr", timeZone = "Mars/Olympus", quietHours = new { from = "25:00", until = "8" },
                events = new[] { new { eventType = "no.such", channels = new[] { "inApp" } } },
            }),
        };
        bad.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        var badResponse = await m.Client.SendAsync(bad);
        await badResponse.ShouldBe(400);
        var errors = (await badResponse.Read<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "culture", "timeZone", "quietHours.from", "quietHours.until", "events" })
            errors.TryGetProperty(field, out _).Should().BeTrue(field);

        var saved = await SetChannels(m.Client, EventTypes.TaskDue, [Channel.InApp, Channel.Email], new QuietHoursDto("22:00", "07:30"), "en");
        saved.Version.Should().Be(1);
        saved.Culture.Should().Be("en");
        saved.QuietHours.Should().Be(new QuietHoursDto("22:00", "07:30"));
        saved.Events.Single(e => e.EventType == EventTypes.TaskDue).Channels.Should().Equal(Channel.InApp, Channel.Email);

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences") { Content = JsonContent.Create(new { culture = "zh-CN" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        await (await m.Client.SendAsync(stale)).ShouldBe(412);
    }

    [Fact]
    public async Task Robots_are_admin_only_and_refuse_unsafe_webhooks()
    {
        var m = await NewMember();
        await (await m.Client.GetAsync("/api/robots")).ShouldBe(403);
        await (await m.Client.PostAsJsonAsync("/api/robots", new { name = "x", kind = "weCom", webhookUrl = "https://8.8.8.8/x" })).ShouldBe(403);

        foreach (var url in new[] { "http://example.com/hook", "https://10.0.0.8/hook", "https://169.254.169.254/x", "https://[fd00::1]/x", "not a url" })
        {
            var response = await m.Admin.PostAsJsonAsync("/api/robots", new { name = "r", kind = "weCom", teamId = m.Team.Id, webhookUrl = url });
            await response.ShouldBe(400);
            (await response.Read<JsonElement>()).GetProperty("errors").TryGetProperty("webhookUrl", out _).Should().BeTrue(url);
        }
        var missing = await m.Admin.PostAsJsonAsync("/api/robots", new { name = "", webhookUrl = "", teamId = Guid.NewGuid() });
        await missing.ShouldBe(400);
        var errors = (await missing.Read<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "kind", "webhookUrl", "teamId" }) errors.TryGetProperty(field, out _).Should().BeTrue(field);

        var robot = await CreateRobot(m.Admin, "dingTalk", m.Team.Id, "/dingtalk/robot/send?access_token=t", "SECsecret");
        robot.HasSecret.Should().BeTrue();
        var json = await m.Admin.GetStringAsync($"/api/robots/{robot.Id}");
        json.Should().NotContain("SECsecret", "the secret is never shown again");

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/robots/{robot.Id}")
        {
            Content = JsonContent.Create(new { name = "renamed", kind = "dingTalk", teamId = m.Team.Id, webhookUrl = robot.WebhookUrl, isEnabled = false }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{robot.Version}\""));
        var updated = await (await m.Admin.SendAsync(put)).Read<RobotDto>();
        updated.Name.Should().Be("renamed");
        updated.HasSecret.Should().BeTrue("a null secret keeps the saved one");
        updated.IsEnabled.Should().BeFalse();
        await (await m.Admin.DeleteAsync($"/api/robots/{robot.Id}")).ShouldBe(204);
        await (await m.Admin.GetAsync($"/api/robots/{robot.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task Each_channel_gets_its_exact_format_signature_and_language_once()
    {
        var m = await NewMember();
        var k = Key();
        await CreateRobot(m.Admin, "weCom", m.Team.Id, $"/wecom/{k}/send?key=wk");
        await CreateRobot(m.Admin, "dingTalk", m.Team.Id, $"/dingtalk/{k}/send?access_token=dt", "SECding-secret");
        await CreateRobot(m.Admin, "feishu", m.Team.Id, $"/feishu/{k}/hook", "feishu-secret");
        await SetChannels(m.Client, EventTypes.SystemTest, [Channel.InApp, Channel.Email, Channel.WeCom, Channel.DingTalk, Channel.Feishu]);

        await (await m.Client.PostAsync("/api/me/notification-preferences/test", null)).ShouldBe(202);
        var sent = app.Clock.GetUtcNow();
        (await Dispatch()).Should().BeGreaterThanOrEqualTo(4);

        var title = "测试通知";
        var body = "这是来自客情 CRM 的测试消息。看到它，说明这个渠道可用。";
        var mention = $"致 {m.User.DisplayName}";
        var link = $"{NotificationsApp.PublicUrl}/me/notifications";

        var wecom = app.Robots.Hits($"/wecom/{k}").Should().ContainSingle().Subject;
        wecom.Query.Should().Be("?key=wk");
        wecom.ContentType.Should().StartWith("application/json");
        wecom.Body.Should().Be(JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { content = $"**{title}**\n> {mention}\n{body}\n[在客情中查看]({link})" } }, Unescaped));

        var ding = app.Robots.Hits($"/dingtalk/{k}").Should().ContainSingle().Subject;
        var timestamp = sent.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var mac = new HMACSHA256(Encoding.UTF8.GetBytes("SECding-secret")))
        {
            var sign = Uri.EscapeDataString(Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\nSECding-secret"))));
            ding.Query.Should().Be($"?access_token=dt&timestamp={timestamp}&sign={sign}");
        }
        ding.Body.Should().Be(JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { title, text = $"#### {title}\n\n> {mention}\n\n{body}\n\n[在客情中查看]({link})" } }, Unescaped));

        var feishu = JsonDocument.Parse(app.Robots.Hits($"/feishu/{k}").Should().ContainSingle().Subject.Body).RootElement;
        var seconds = sent.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        feishu.GetProperty("timestamp").GetString().Should().Be(seconds);
        using (var mac = new HMACSHA256(Encoding.UTF8.GetBytes($"{seconds}\nfeishu-secret")))
            feishu.GetProperty("sign").GetString().Should().Be(Convert.ToBase64String(mac.ComputeHash([])));
        feishu.GetProperty("msg_type").GetString().Should().Be("interactive");
        feishu.GetProperty("card").GetProperty("header").GetProperty("title").GetProperty("content").GetString().Should().Be(title);
        feishu.GetProperty("card").GetProperty("elements")[0].GetProperty("text").GetProperty("content").GetString().Should().Be($"{mention}\n{body}");
        feishu.GetProperty("card").GetProperty("elements")[1].GetProperty("actions")[0].GetProperty("url").GetString().Should().Be(link);

        var mail = app.Smtp.Messages.Where(x => x.To.Contains(m.User.Email)).Should().ContainSingle().Subject;
        mail.From.Should().Be("noreply@keqing.test");
        var parsed = mail.Parse();
        parsed.Subject.Should().Be(title);
        parsed.TextBody.Should().Contain(body).And.Contain(link);

        (await m.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications", Json))!.Items.Should().ContainSingle(n => n.Title == title);

        // Delivered messages are never picked again.
        await Dispatch();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Dispatch();
        app.Robots.Hits($"/wecom/{k}").Should().HaveCount(1);
        app.Robots.Hits($"/dingtalk/{k}").Should().HaveCount(1);
        app.Robots.Hits($"/feishu/{k}").Should().HaveCount(1);
        app.Smtp.Messages.Count(x => x.To.Contains(m.User.Email)).Should().Be(1);
    }

    [Fact]
    public async Task Messages_render_in_the_recipients_language()
    {
        var m = await NewMember();
        var k = Key();
        await CreateRobot(m.Admin, "weCom", m.Team.Id, $"/wecom/{k}/send?key=en");
        await SetChannels(m.Client, EventTypes.SystemTest, [Channel.WeCom], culture: "en");
        await (await m.Client.PostAsync("/api/me/notification-preferences/test", null)).ShouldBe(202);
        await Dispatch();
        var content = JsonDocument.Parse(app.Robots.Hits($"/wecom/{k}").Single().Body).RootElement.GetProperty("markdown").GetProperty("content").GetString();
        content.Should().StartWith("**Test notification**\n> For ").And.Contain("[Open in Keqing](");
        (await m.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications", Json))!.Items.Should().BeEmpty("in-app was not chosen");
    }

    [Fact]
    public async Task Failures_are_retried_with_backoff_and_show_the_robots_error_code()
    {
        var m = await NewMember();
        var k = Key();
        var robot = await CreateRobot(m.Admin, "dingTalk", m.Team.Id, $"/dingtalk/{k}/send?access_token=x", "SECx");
        await SetChannels(m.Client, EventTypes.TaskDue, [Channel.DingTalk]);
        await Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Task due", "Call back", "/tasks/1"));

        app.Robots.Answer($"/dingtalk/{k}", 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        await Dispatch();
        var delivery = await Single(m.Admin, robot.Id);
        delivery.Status.Should().Be("pending");
        delivery.Attempts.Should().Be(1);
        delivery.LastErrorCode.Should().Be("310000");
        delivery.LastError.Should().Be("sign not match");
        delivery.DueAt.Should().BeCloseTo(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), TimeSpan.FromSeconds(1));

        await Dispatch();
        app.Robots.Hits($"/dingtalk/{k}").Should().HaveCount(1, "not due again before the backoff");

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        app.Robots.Answer($"/dingtalk/{k}", 500, "oops");
        await Dispatch();
        delivery = await Single(m.Admin, robot.Id);
        (delivery.Attempts, delivery.LastErrorCode).Should().Be((2, "http-500"));
        delivery.DueAt.Should().BeCloseTo(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), TimeSpan.FromSeconds(1));

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await Dispatch();
        delivery = await Single(m.Admin, robot.Id);
        delivery.Status.Should().Be("delivered");
        delivery.Attempts.Should().Be(3);
        app.Robots.Hits($"/dingtalk/{k}").Should().HaveCount(3);
    }

    [Fact]
    public async Task After_the_last_attempt_the_failure_is_visible_to_the_admin()
    {
        var m = await NewMember();
        var k = Key();
        var robot = await CreateRobot(m.Admin, "feishu", m.Team.Id, $"/feishu/{k}/hook", "s");
        await SetChannels(m.Client, EventTypes.TaskDue, [Channel.Feishu]);
        await Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Task due", "x"));
        for (var i = 0; i < 3; i++)
        {
            app.Robots.Answer($"/feishu/{k}", 200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}");
            await Dispatch();
            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        await Dispatch();
        app.Robots.Hits($"/feishu/{k}").Should().HaveCount(3, "MaxAttempts is 3 in these tests");
        var failed = await m.Admin.GetFromJsonAsync<Page<DeliveryDto>>($"/api/notification-deliveries?status=failed&robotId={robot.Id}", Json);
        var delivery = failed!.Items.Should().ContainSingle().Subject;
        delivery.LastErrorCode.Should().Be("19021");
        delivery.Channel.Should().Be(Channel.Feishu);
        await (await m.Client.GetAsync("/api/notification-deliveries")).ShouldBe(403);
    }

    [Fact]
    public async Task Email_is_retried_when_the_server_says_try_later()
    {
        var m = await NewMember();
        await SetChannels(m.Client, EventTypes.TaskDue, [Channel.Email]);
        await Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Task due", "x"));
        app.Smtp.RefuseNext();
        await Dispatch();
        app.Smtp.Messages.Should().NotContain(x => x.To.Contains(m.User.Email));
        var pending = await m.Admin.GetFromJsonAsync<Page<DeliveryDto>>("/api/notification-deliveries?status=pending&limit=200", Json);
        pending!.Items.Should().Contain(d => d.RecipientUserId == m.User.Id && d.LastErrorCode == "smtp-451");
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await Dispatch();
        app.Smtp.Messages.Should().ContainSingle(x => x.To.Contains(m.User.Email));
    }

    [Fact]
    public async Task Quiet_hours_hold_pushes_until_they_end_but_not_the_in_app_row()
    {
        var m = await NewMember();
        var k = Key();
        await CreateRobot(m.Admin, "weCom", m.Team.Id, $"/wecom/{k}/send?key=q");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, shanghai);
        var from = TimeOnly.FromDateTime(local.AddHours(-1));
        var until = TimeOnly.FromDateTime(local.AddHours(2));
        await SetChannels(m.Client, EventTypes.TaskDue, [Channel.InApp, Channel.WeCom],
            new QuietHoursDto(from.ToString("HH:mm", CultureInfo.InvariantCulture), until.ToString("HH:mm", CultureInfo.InvariantCulture)));
        await Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Task due", "x"));

        (await m.Client.GetFromJsonAsync<Page<NotificationDto>>("/api/notifications", Json))!.Items.Should().HaveCount(1);
        await Dispatch();
        app.Robots.Hits($"/wecom/{k}").Should().BeEmpty();
        app.Clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(1)));
        await Dispatch();
        app.Robots.Hits($"/wecom/{k}").Should().ContainSingle();
    }

    [Fact]
    public async Task The_admin_sends_a_test_and_sees_the_robots_answer()
    {
        var m = await NewMember();
        var k = Key();
        var robot = await CreateRobot(m.Admin, "weCom", null, $"/wecom/{k}/send?key=t");
        var ok = await (await m.Admin.PostAsync($"/api/robots/{robot.Id}/test", null)).Read<ManageRobots.TestResult>();
        ok.Delivered.Should().BeTrue();
        JsonDocument.Parse(app.Robots.Hits($"/wecom/{k}").Single().Body).RootElement.GetProperty("markdown").GetProperty("content")
            .GetString().Should().StartWith("**客情 CRM 测试消息**");

        app.Robots.Answer($"/wecom/{k}", 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
        var bad = await (await m.Admin.PostAsync($"/api/robots/{robot.Id}/test", null)).Read<ManageRobots.TestResult>();
        (bad.Delivered, bad.ErrorCode, bad.Error).Should().Be((false, "93000", "invalid webhook url"));
        var delivery = await m.Admin.GetFromJsonAsync<DeliveryDto>($"/api/notification-deliveries/{bad.DeliveryId}", Json);
        delivery!.LastErrorCode.Should().Be("93000");
        delivery.Status.Should().Be("failed", "a test message is one attempt, shown at once, never retried");
        await (await m.Client.PostAsync($"/api/robots/{robot.Id}/test", null)).ShouldBe(403);
    }

    [Fact]
    public async Task A_restarted_node_delivers_what_a_stopped_node_enqueued_exactly_once_even_with_two_dispatchers()
    {
        var m = await NewMember();
        var k = Key();
        await CreateRobot(m.Admin, "weCom", m.Team.Id, $"/wecom/{k}/send?key=r");
        await SetChannels(m.Client, EventTypes.TaskDue, [Channel.WeCom]);

        // Node A enqueues ten notifications and stops before delivering any.
        await using (var nodeA = app.WithWebHostBuilder(_ => { }))
        {
            using var scope = nodeA.Services.CreateScope();
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            for (var i = 0; i < 10; i++)
                await notifier.Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, $"Task {i}", "x"), default);
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        }
        app.Robots.Hits($"/wecom/{k}").Should().BeEmpty();

        // Nodes B and C start on the same database and race for the messages.
        await using var nodeB = app.WithWebHostBuilder(_ => { });
        await using var nodeC = app.WithWebHostBuilder(_ => { });
        await Task.WhenAll(
            nodeB.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default),
            nodeC.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default),
            Dispatch());
        await Dispatch();
        var hits = app.Robots.Hits($"/wecom/{k}");
        hits.Should().HaveCount(10);
        hits.Select(h => JsonDocument.Parse(h.Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!.Split('\n')[0])
            .Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_lease_left_by_a_dead_node_is_taken_over_after_it_expires()
    {
        var m = await NewMember();
        var k = Key();
        var robot = await CreateRobot(m.Admin, "weCom", m.Team.Id, $"/wecom/{k}/send?key=l");
        await SetChannels(m.Client, EventTypes.TaskDue, [Channel.WeCom]);
        await Notify(new NotificationRequest(EventTypes.TaskDue, m.User.Id, "Leased", "x"));
        using (var scope = app.Services.CreateScope())
        {
            // A node claimed it and died mid-delivery.
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var message = await db.Set<OutboxMessage>().Where(x => x.RobotId == robot.Id).Select(x => x.Id).SingleAsync();
            db.Add(new JobLease { Job = OutboxDispatcher.JobName, Item = message, Owner = "dead-node", AcquiredAt = now, ExpiresAt = now.AddSeconds(120) });
            await db.SaveChangesAsync();
        }
        await Dispatch();
        app.Robots.Hits($"/wecom/{k}").Should().BeEmpty("the lease still holds");
        app.Clock.Advance(TimeSpan.FromSeconds(121));
        await Dispatch();
        app.Robots.Hits($"/wecom/{k}").Should().ContainSingle();
    }

    private static async Task<DeliveryDto> Single(HttpClient admin, Guid robotId) =>
        (await admin.GetFromJsonAsync<Page<DeliveryDto>>($"/api/notification-deliveries?robotId={robotId}", Json))!.Items.Single();

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

public sealed class NotificationApiTestsOnSqlite(NotificationsSqliteApp app) : NotificationApiTests(app), IClassFixture<NotificationsSqliteApp>;
public sealed class NotificationApiTestsOnPostgres(NotificationsPostgresApp app) : NotificationApiTests(app), IClassFixture<NotificationsPostgresApp>;
