using System.Net;
using Keqing.Modules.Notifications;
using Keqing.Modules.Notifications.Features;
using Microsoft.Extensions.Options;

namespace Keqing.Tests.Notifications;

/// <summary>The SSRF guard, with and without the tests-only loopback switch; nothing here leaves loopback.</summary>
public sealed class WebhookGuardTests
{
    private static WebhookGuard Guard(bool allowLoopback) =>
        new(Options.Create(new NotificationOptions { AllowInsecureLoopbackTargets = allowLoopback }));

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd12:3456::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://[64:ff9b::a00:1]/hook")]
    [InlineData("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("https://user:pass@example.com/hook")]
    public async Task Without_the_switch_non_https_and_private_targets_are_refused(string url)
    {
        (await Guard(false).RefuseAsync(new Uri(url), default)).Should().NotBeNull(url);
    }

    [Theory]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2400:3200::1]/hook")]
    public async Task Public_https_addresses_pass(string url) =>
        (await Guard(false).RefuseAsync(new Uri(url), default)).Should().BeNull();

    [Fact]
    public async Task The_switch_admits_loopback_only_and_http_only_for_loopback()
    {
        var guard = Guard(true);
        (await guard.RefuseAsync(new Uri("http://127.0.0.1:9/hook"), default)).Should().BeNull();
        (await guard.RefuseAsync(new Uri("http://localhost:9/hook"), default)).Should().BeNull();
        (await guard.RefuseAsync(new Uri("https://10.0.0.1/hook"), default)).Should().NotBeNull();
        (await guard.RefuseAsync(new Uri("http://example.com/hook"), default)).Should().NotBeNull();
        (await guard.RefuseAsync(new Uri("https://[fd00::1]/hook"), default)).Should().NotBeNull();
    }

    [Fact]
    public async Task The_connection_itself_is_refused_without_the_switch_even_past_the_url_check()
    {
        await using var stub = new RobotStub();
        foreach (var (allow, expectRefusal) in new[] { (false, true), (true, false) })
        {
            using var handler = new SocketsHttpHandler { ConnectCallback = Guard(allow).ConnectAsync, UseProxy = false };
            using var client = new HttpClient(handler);
            var send = () => client.PostAsync($"{stub.BaseUrl}/wecom?key=x", new StringContent("{}"));
            if (expectRefusal) await send.Should().ThrowAsync<HttpRequestException>();
            else (await send()).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        stub.Hits("/wecom").Should().HaveCount(1, "only the connection with the switch on reached the stub");
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("203.0.113.5", true)]
    [InlineData("1.1.1.1", false)]
    [InlineData("::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Private_ranges(string address, bool isPrivate) =>
        WebhookGuard.IsPrivate(IPAddress.Parse(address)).Should().Be(isPrivate);
}
