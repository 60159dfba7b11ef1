using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keqing.Modules.Notifications.Contracts;

namespace Keqing.Modules.Notifications.Domain;

/// <summary>What a robot posts: a title, a markdown body, a link back to the record and whom it is for.</summary>
public sealed record RobotContent(string Title, string Body, string? Link, string LinkText, string? Mention);

/// <summary>An HTTP request for one robot post: the URL (with signature parameters where the platform wants them) and the JSON body.</summary>
public sealed record RobotRequest(Uri Url, string Json);

/// <summary>
/// The webhook formats of the three platforms, as their public documentation states them:
/// WeCom group robot <c>{"msgtype":"markdown","markdown":{"content"}}</c> (no signature; the key is in the URL);
/// DingTalk custom robot <c>{"msgtype":"markdown","markdown":{"title","text"}}</c> with <c>timestamp</c> (ms) and
/// <c>sign</c> query parameters when 加签 is on; Feishu custom bot <c>{"timestamp","sign","msg_type":"interactive","card"}</c>.
/// </summary>
public static class RobotFormats
{
    /// <summary>WeCom's markdown content is at most 4096 bytes of UTF-8.</summary>
    public const int WeComMaxBytes = 4096;

    public static RobotRequest Build(RobotKind kind, Uri webhook, string? secret, RobotContent content, DateTimeOffset now) => kind switch
    {
        RobotKind.WeCom => new RobotRequest(webhook, WeCom(content)),
        RobotKind.DingTalk => DingTalk(webhook, secret, content, now),
        RobotKind.Feishu => new RobotRequest(webhook, Feishu(secret, content, now)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string WeCom(RobotContent c)
    {
        var text = new StringBuilder();
        text.Append("**").Append(c.Title).Append("**\n");
        if (c.Mention is not null) text.Append("> ").Append(c.Mention).Append('\n');
        if (c.Body.Length > 0) text.Append(c.Body).Append('\n');
        if (c.Link is not null) text.Append('[').Append(c.LinkText).Append("](").Append(c.Link).Append(')');
        var content = Truncate(text.ToString().TrimEnd('\n'), WeComMaxBytes);
        return new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = content },
        }.ToJsonString(Json);
    }

    public static RobotRequest DingTalk(Uri webhook, string? secret, RobotContent c, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("#### ").Append(c.Title).Append("\n\n");
        if (c.Mention is not null) text.Append("> ").Append(c.Mention).Append("\n\n");
        if (c.Body.Length > 0) text.Append(c.Body).Append("\n\n");
        if (c.Link is not null) text.Append('[').Append(c.LinkText).Append("](").Append(c.Link).Append(')');
        var json = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = c.Title, ["text"] = text.ToString().TrimEnd('\n') },
        }.ToJsonString(Json);
        if (string.IsNullOrEmpty(secret)) return new RobotRequest(webhook, json);
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Uri.EscapeDataString(DingTalkSign(timestamp, secret));
        var separator = string.IsNullOrEmpty(webhook.Query) ? "?" : "&";
        return new RobotRequest(new Uri($"{webhook.AbsoluteUri}{separator}timestamp={timestamp}&sign={sign}"), json);
    }

    /// <summary>DingTalk 加签: Base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)), before URL-encoding.</summary>
    public static string DingTalkSign(string timestampMs, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestampMs}\n{secret}"));
        return Convert.ToBase64String(mac);
    }

    public static string Feishu(string? secret, RobotContent c, DateTimeOffset now)
    {
        var elements = new JsonArray();
        var body = new StringBuilder();
        if (c.Mention is not null) body.Append(c.Mention).Append('\n');
        body.Append(c.Body);
        if (body.Length > 0)
            elements.Add(new JsonObject { ["tag"] = "div", ["text"] = new JsonObject { ["tag"] = "lark_md", ["content"] = body.ToString().TrimEnd('\n') } });
        if (c.Link is not null)
            elements.Add(new JsonObject
            {
                ["tag"] = "action",
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["tag"] = "button",
                    ["text"] = new JsonObject { ["tag"] = "plain_text", ["content"] = c.LinkText },
                    ["type"] = "primary",
                    ["url"] = c.Link,
                }),
            });
        var card = new JsonObject
        {
            ["config"] = new JsonObject { ["wide_screen_mode"] = true },
            ["header"] = new JsonObject
            {
                ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = c.Title },
                ["template"] = "blue",
            },
            ["elements"] = elements,
        };
        var json = new JsonObject();
        if (!string.IsNullOrEmpty(secret))
        {
            var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            json["timestamp"] = timestamp;
            json["sign"] = FeishuSign(timestamp, secret);
        }
        json["msg_type"] = "interactive";
        json["card"] = card;
        return json.ToJsonString(Json);
    }

    /// <summary>Feishu 签名校验: Base64(HmacSHA256(key = timestamp + "\n" + secret, message = empty)).</summary>
    public static string FeishuSign(string timestampSeconds, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestampSeconds}\n{secret}"), Array.Empty<byte>());
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Reads a robot's answer: WeCom and DingTalk say <c>{"errcode":0,"errmsg":"ok"}</c>, Feishu <c>{"code":0,"msg":"success"}</c>
    /// (older Feishu answers <c>StatusCode</c>/<c>StatusMessage</c>). Null when it succeeded; else the code and message.
    /// </summary>
    public static (string Code, string Message)? Error(RobotKind kind, int httpStatus, string body)
    {
        JsonNode? node = null;
        try { node = JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException) { }
        var (codeName, messageName) = kind == RobotKind.Feishu ? ("code", "msg") : ("errcode", "errmsg");
        var code = node?[codeName] ?? (kind == RobotKind.Feishu ? node?["StatusCode"] : null);
        var message = node?[messageName] ?? (kind == RobotKind.Feishu ? node?["StatusMessage"] : null);
        if (code is not null)
        {
            var text = code.ToJsonString().Trim('"');
            if (text == "0" && httpStatus is >= 200 and < 300) return null;
            return (text, message is JsonValue v && v.TryGetValue<string>(out var m) ? m : message?.ToJsonString() ?? $"HTTP {httpStatus}");
        }
        if (httpStatus is >= 200 and < 300) return ("unreadable", "The robot's answer has no error code: " + Shorten(body));
        return ($"http-{httpStatus}", Shorten(body));
    }

    // Chinese stays readable in the posted JSON (it is never embedded in HTML).
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300];

    private static string Truncate(string s, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(s) <= maxBytes) return s;
        var end = s.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(s.AsSpan(0, end)) > maxBytes - 3) end--;
        if (end > 0 && char.IsHighSurrogate(s[end - 1])) end--;
        return s[..end] + "…";
    }
}
