using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Notifications;

/// <summary>
/// The outbox on two real app processes over one PostgreSQL database, with a robot endpoint that takes 20 s to answer
/// and a message lease of 6 s: each message is posted exactly once. Without renewing the lease while a post is under way
/// (and re-checking it before the next), the other node takes the slow message over after 6 s and posts it again.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TwoNodeOutboxTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string AdminPassword = "Admin-two-nodes-password-1";
    private const int Messages = 4;
    private readonly RobotStub robots = new() { AnswerDelay = TimeSpan.FromSeconds(20) };
    private readonly List<KeqingProcess> nodes = [];
    private string database = "";

    [Fact]
    public async Task Two_nodes_and_a_slow_robot_post_every_message_exactly_once()
    {
        // Node A sets up a team with four robots and enqueues one post to each; it delivers nothing itself.
        var setupUrl = KeqingProcess.FreeUrl();
        var setup = await Start(setupUrl, outboxEnabled: false);
        using (var http = new HttpClient { BaseAddress = new Uri(setupUrl) })
        {
            var admin = await Token(http, "admin@keqing.local", AdminPassword);
            var team = await (await Send(http, admin, HttpMethod.Post, "/api/teams", new { name = "华南二组" })).Read<TeamDto>();
            var user = await (await Send(http, admin, HttpMethod.Post, "/api/users", new
            {
                email = "two.nodes@example.com", displayName = "赵六", password = KeqingApp.Password, roles = new[] { Roles.SalesRep }, teamId = team.Id,
            })).Read<UserDto>();
            for (var i = 1; i <= Messages; i++)
                await (await Send(http, admin, HttpMethod.Post, "/api/robots",
                    new { name = $"华南群{i}", kind = "weCom", teamId = team.Id, webhookUrl = $"{robots.BaseUrl}/wecom/slow-{i}?key=k" })).ShouldBe(201);
            var rep = await Token(http, user.Email, KeqingApp.Password);
            var put = Request(rep, HttpMethod.Put, "/api/me/notification-preferences",
                new { events = new[] { new { eventType = "system.test", channels = new[] { "weCom" } } } });
            put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
            await (await http.SendAsync(put)).ShouldBe(200);
            await (await Send(http, rep, HttpMethod.Post, "/api/me/notification-preferences/test", null)).ShouldBe(202);
        }
        nodes.Remove(setup);
        await setup.DisposeAsync();

        // Nodes B and C deliver at the same time.
        await Task.WhenAll(Start(KeqingProcess.FreeUrl(), outboxEnabled: true), Start(KeqingProcess.FreeUrl(), outboxEnabled: true));
        var watch = Stopwatch.StartNew();
        while (Enumerable.Range(1, Messages).Any(i => robots.Hits($"/wecom/slow-{i}").Count == 0) && watch.Elapsed < TimeSpan.FromMinutes(3))
            await Task.Delay(500);
        // Another lease length and more: a node that took a message over would have posted it by now.
        await Task.Delay(TimeSpan.FromSeconds(10));

        var output = string.Join("\n---\n", nodes.Select(n => n.Output));
        for (var i = 1; i <= Messages; i++)
            robots.Hits($"/wecom/slow-{i}").Should().ContainSingle($"robot {i} gets its message exactly once. Output:\n{output}");
    }

    private async Task<KeqingProcess> Start(string baseUrl, bool outboxEnabled)
    {
        var node = await KeqingProcess.StartAsync(baseUrl, start =>
        {
            start.Environment["ConnectionStrings__Keqing"] = database;
            start.Environment["Keqing__Database__Provider"] = "postgres";
            start.Environment["KEQING_ADMIN_PASSWORD"] = AdminPassword;
            start.Environment["Keqing__Jobs__Enabled"] = "false";
            start.Environment["Keqing__Outbox__Enabled"] = outboxEnabled ? "true" : "false";
            start.Environment["Keqing__Outbox__PollSeconds"] = "1";
            start.Environment["Keqing__Outbox__LeaseSeconds"] = "6";
            start.Environment["Keqing__Outbox__RobotTimeoutSeconds"] = "40";
            start.Environment["Keqing__Notifications__AllowInsecureLoopbackTargets"] = "true";
        });
        lock (nodes) nodes.Add(node);
        return node;
    }

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

    public async ValueTask InitializeAsync() => database = await postgres.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await robots.DisposeAsync();
    }
}
