using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Notifications;

/// <summary>
/// The outbox across a real crash: Keqing runs as its own process (SQLite), a notification is enqueued, the process is
/// killed with SIGKILL before any delivery, and a restarted process delivers the robot post exactly once.
/// </summary>
[Trait("Category", "Slow")]
public sealed class KillAndRestartTests : IAsyncLifetime
{
    private const string AdminPassword = "Admin-kill-password-1";
    private readonly string database = Path.Combine(Path.GetTempPath(), $"keqing-kill-{Guid.NewGuid():N}.db");
    private readonly RobotStub robots = new();
    private readonly string baseUrl = KeqingProcess.FreeUrl();
    private KeqingProcess? app;

    [Fact]
    public async Task A_notification_enqueued_before_SIGKILL_is_delivered_once_after_restart()
    {
        await Start(outboxEnabled: false);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var admin = await Token(http, "admin@keqing.local", AdminPassword);
        var team = await (await Send(http, admin, HttpMethod.Post, "/api/teams", new { name = "华东一组" })).Read<TeamDto>();
        var user = await (await Send(http, admin, HttpMethod.Post, "/api/users", new
        {
            email = "kill.rep@example.com", displayName = "王五", password = KeqingApp.Password, roles = new[] { Roles.SalesRep }, teamId = team.Id,
        })).Read<UserDto>();
        await (await Send(http, admin, HttpMethod.Post, "/api/robots",
            new { name = "华东群", kind = "weCom", teamId = team.Id, webhookUrl = $"{robots.BaseUrl}/wecom/kill?key=k" })).ShouldBe(201);
        var rep = await Token(http, user.Email, KeqingApp.Password);
        var put = Request(rep, HttpMethod.Put, "/api/me/notification-preferences",
            new { events = new[] { new { eventType = "system.test", channels = new[] { "weCom" } } } });
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        await (await http.SendAsync(put)).ShouldBe(200);
        await (await Send(http, rep, HttpMethod.Post, "/api/me/notification-preferences/test", null)).ShouldBe(202);

        await app!.KillAsync();
        await app.DisposeAsync();
        app = null;
        robots.Hits("/wecom/kill").Should().BeEmpty();

        await Start(outboxEnabled: true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (robots.Hits("/wecom/kill").Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(3)); // several more polls: nothing more may arrive
        robots.Hits("/wecom/kill").Should().ContainSingle($"the restarted node delivers once. Output:\n{app!.Output}");
    }

    private async Task Start(bool outboxEnabled) =>
        app = await KeqingProcess.StartAsync(baseUrl, start =>
        {
            start.Environment["ConnectionStrings__Keqing"] = $"Data Source={database}";
            start.Environment["Keqing__Database__Provider"] = "sqlite";
            start.Environment["KEQING_ADMIN_PASSWORD"] = AdminPassword;
            start.Environment["Keqing__Outbox__Enabled"] = outboxEnabled ? "true" : "false";
            start.Environment["Keqing__Outbox__PollSeconds"] = "1";
            start.Environment["Keqing__Notifications__AllowInsecureLoopbackTargets"] = "true";
        });

    private static async Task<string> Token(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        await response.ShouldBe(200);
        return (await response.Read<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
    }

    private static HttpRequestMessage Request(string token, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string token, HttpMethod method, string path, object? body) =>
        http.SendAsync(Request(token, method, path, body));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        await robots.DisposeAsync();
        foreach (var f in new[] { database, database + "-wal", database + "-shm" }) File.Delete(f);
    }
}
