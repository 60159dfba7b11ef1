using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;

namespace Keqing.Tests.Notifications;

/// <summary>The robots' signatures and formats, checked against the platforms' documented algorithms and examples.</summary>
public sealed class RobotFormatTests
{
    // DingTalk's documentation (自定义机器人 加签) signs with its sample secret "this is secret" and the current time in ms;
    // its Python sample, run with the fixed timestamp 1577836800000 (2020-01-01T00:00:00Z), prints this sign:
    private const string DingTalkDocSecret = "this is secret";
    private const string DingTalkTimestamp = "1577836800000";
    private const string DingTalkExpected = "fFV9t5lBS7KH4+5B0JjR99ab+AJkXFauQXycgTkS/tc=";
    private const string DingTalkExpectedUrlEncoded = "fFV9t5lBS7KH4%2B5B0JjR99ab%2BAJkXFauQXycgTkS%2Ftc%3D";

    // Feishu's documentation (自定义机器人 签名校验) signs with "你的密钥"; its example request carries timestamp 1599360473;
    // its Python sample, run with both, prints this sign:
    private const string FeishuDocSecret = "你的密钥";
    private const string FeishuTimestamp = "1599360473";
    private const string FeishuExpected = "LGQ8uyis9+PUlaQz4PLURvxr+NWlGF+dpzH2lNT3ISQ=";

    [Fact]
    public void DingTalk_sign_matches_the_documented_algorithm_and_example()
    {
        RobotFormats.DingTalkSign(DingTalkTimestamp, DingTalkDocSecret).Should().Be(DingTalkExpected);
        // Independently: HmacSHA256 keyed with the secret over timestamp + "\n" + secret, then Base64.
        using var mac = new HMACSHA256(Encoding.UTF8.GetBytes(DingTalkDocSecret));
        var independent = Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(DingTalkTimestamp + "\n" + DingTalkDocSecret)));
        independent.Should().Be(DingTalkExpected);
    }

    [Fact]
    public void DingTalk_puts_timestamp_and_url_encoded_sign_on_the_webhook()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(DingTalkTimestamp, CultureInfo.InvariantCulture));
        var request = RobotFormats.DingTalk(new Uri("https://oapi.dingtalk.com/robot/send?access_token=abc"), DingTalkDocSecret,
            new RobotContent("标题", "正文", "https://crm.example.test/x", "查看", null), now);
        request.Url.AbsoluteUri.Should().Be(
            $"https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp={DingTalkTimestamp}&sign={DingTalkExpectedUrlEncoded}");
        var json = JsonDocument.Parse(request.Json).RootElement;
        json.GetProperty("msgtype").GetString().Should().Be("markdown");
        json.GetProperty("markdown").GetProperty("title").GetString().Should().Be("标题");
        json.GetProperty("markdown").GetProperty("text").GetString().Should().Be("#### 标题\n\n正文\n\n[查看](https://crm.example.test/x)");
    }

    [Fact]
    public void DingTalk_without_a_secret_is_not_signed()
    {
        var request = RobotFormats.DingTalk(new Uri("https://oapi.dingtalk.com/robot/send?access_token=abc"), null,
            new RobotContent("t", "", null, "查看", null), DateTimeOffset.UnixEpoch);
        request.Url.Query.Should().Be("?access_token=abc");
    }

    [Fact]
    public void Feishu_sign_matches_the_documented_algorithm_and_example()
    {
        RobotFormats.FeishuSign(FeishuTimestamp, FeishuDocSecret).Should().Be(FeishuExpected);
        // Independently: HmacSHA256 keyed with timestamp + "\n" + secret over an empty message, then Base64.
        using var mac = new HMACSHA256(Encoding.UTF8.GetBytes(FeishuTimestamp + "\n" + FeishuDocSecret));
        Convert.ToBase64String(mac.ComputeHash([])).Should().Be(FeishuExpected);
    }

    [Fact]
    public void Feishu_card_carries_timestamp_sign_title_body_and_link_button()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(long.Parse(FeishuTimestamp, CultureInfo.InvariantCulture));
        var json = JsonDocument.Parse(RobotFormats.Feishu(FeishuDocSecret,
            new RobotContent("客户即将进入公海", "**上海明远** 3 天后回收", "https://crm.example.test/customers/1", "在客情中查看", "致 张三"), now)).RootElement;
        json.GetProperty("timestamp").GetString().Should().Be(FeishuTimestamp);
        json.GetProperty("sign").GetString().Should().Be(FeishuExpected);
        json.GetProperty("msg_type").GetString().Should().Be("interactive");
        var card = json.GetProperty("card");
        card.GetProperty("header").GetProperty("title").GetProperty("tag").GetString().Should().Be("plain_text");
        card.GetProperty("header").GetProperty("title").GetProperty("content").GetString().Should().Be("客户即将进入公海");
        var div = card.GetProperty("elements")[0];
        div.GetProperty("tag").GetString().Should().Be("div");
        div.GetProperty("text").GetProperty("tag").GetString().Should().Be("lark_md");
        div.GetProperty("text").GetProperty("content").GetString().Should().Be("致 张三\n**上海明远** 3 天后回收");
        var button = card.GetProperty("elements")[1].GetProperty("actions")[0];
        button.GetProperty("tag").GetString().Should().Be("button");
        button.GetProperty("url").GetString().Should().Be("https://crm.example.test/customers/1");
        button.GetProperty("text").GetProperty("content").GetString().Should().Be("在客情中查看");
    }

    [Fact]
    public void WeCom_markdown_has_title_mention_body_and_link_within_4096_bytes()
    {
        RobotFormats.WeCom(new RobotContent("审批待处理", "报价单 Q-1", "https://crm.example.test/q/1", "在客情中查看", "致 李四"))
            .Should().Be("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**审批待处理**\\n> 致 李四\\n报价单 Q-1\\n[在客情中查看](https://crm.example.test/q/1)\"}}");
        var long_ = RobotFormats.WeCom(new RobotContent("t", new string('长', 3000), null, "x", null));
        var content = JsonDocument.Parse(long_).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Encoding.UTF8.GetByteCount(content).Should().BeLessThanOrEqualTo(RobotFormats.WeComMaxBytes);
        content.Should().EndWith("…");
    }

    [Theory]
    [InlineData(RobotKind.WeCom, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}", null)]
    [InlineData(RobotKind.WeCom, 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", "93000")]
    [InlineData(RobotKind.DingTalk, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", "310000")]
    [InlineData(RobotKind.DingTalk, 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}", "130101")]
    [InlineData(RobotKind.Feishu, 200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}", null)]
    [InlineData(RobotKind.Feishu, 200, "{\"StatusCode\":0,\"StatusMessage\":\"success\"}", null)]
    [InlineData(RobotKind.Feishu, 200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}", "19021")]
    [InlineData(RobotKind.Feishu, 400, "{\"code\":9499,\"msg\":\"Bad Request\"}", "9499")]
    [InlineData(RobotKind.WeCom, 502, "<html>bad gateway</html>", "http-502")]
    [InlineData(RobotKind.WeCom, 200, "not json", "unreadable")]
    public void Robot_answers_are_read_with_their_error_codes(RobotKind kind, int status, string body, string? code)
    {
        var error = RobotFormats.Error(kind, status, body);
        if (code is null) error.Should().BeNull();
        else error!.Value.Code.Should().Be(code);
    }
}
