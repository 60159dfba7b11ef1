using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keqing.Tests.Notifications;

/// <summary>One request a robot stub received.</summary>
public sealed record RobotHit(string Path, string Query, string ContentType, string Body, string? Authorization = null);

/// <summary>
/// A stand-in for the WeCom, DingTalk and Feishu webhook servers: a tiny Kestrel app on 127.0.0.1 (free port) that
/// records every POST and answers what the test scripted (success by default, in each platform's own answer format).
/// Nothing leaves loopback.
/// </summary>
public sealed class RobotStub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RobotHit> hits = new();
    private readonly ConcurrentQueue<(string Path, int Status, string Body)> scripted = new();

    public RobotStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            hits.Enqueue(new RobotHit(http.Request.Path, http.Request.QueryString.Value ?? "", http.Request.ContentType ?? "", body,
                http.Request.Headers.Authorization.ToString()));
            if (AnswerDelay > TimeSpan.Zero) await Task.Delay(AnswerDelay);
            var (status, answer) = Next(http.Request.Path) is { } next ? next
                : (200, http.Request.Path.StartsWithSegments("/feishu") ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}" : "{\"errcode\":0,\"errmsg\":\"ok\"}");
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer);
        });
        app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(BaseUrl).Port;
    }

    /// <summary>How long each answer takes (a slow endpoint); the request counts as received when it arrives.</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>http://127.0.0.1:port</summary>
    public string BaseUrl { get; }
    public int Port { get; }

    /// <summary>The next request to a path under <paramref name="pathPrefix"/> gets this answer (queued: one answer per request).</summary>
    public void Answer(string pathPrefix, int status, string body) => scripted.Enqueue((pathPrefix, status, body));

    private (int, string)? Next(string path)
    {
        lock (scripted)
        {
            var all = scripted.ToList();
            var match = all.FindIndex(s => path.StartsWith(s.Path, StringComparison.Ordinal));
            if (match < 0) return null;
            scripted.Clear();
            for (var i = 0; i < all.Count; i++) if (i != match) scripted.Enqueue(all[i]);
            return (all[match].Status, all[match].Body);
        }
    }

    public IReadOnlyList<RobotHit> Hits(string pathPrefix) => hits.Where(h => h.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
