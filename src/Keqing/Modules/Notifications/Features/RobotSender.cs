using System.Globalization;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>What one delivery attempt came to: delivered, or an error code and message, and whether a retry may help.</summary>
public sealed record DeliveryResult(bool Delivered, string? Code = null, string? Message = null, bool Retry = true)
{
    public static readonly DeliveryResult Ok = new(true);
    public static DeliveryResult Fail(string code, string message, bool retry = true) => new(false, code, message, retry);
}

/// <summary>Posts one outbox message to its robot in the platform's format, signed when the robot has a secret, and reads the robot's answer.</summary>
public sealed class RobotSender(KeqingDb db, IHttpClientFactory http, WebhookGuard guard, Notifier notifier, TimeProvider clock)
{
    /// <summary>The named HTTP client for robots: connects through <see cref="WebhookGuard"/>, no proxy, no redirects.</summary>
    public const string HttpClientName = "keqing-robots";

    public async Task<DeliveryResult> Send(OutboxMessage message, CancellationToken ct)
    {
        var robot = await db.Set<Robot>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == message.RobotId, ct);
        if (robot is null) return DeliveryResult.Fail("robot-deleted", "The robot was deleted.", retry: false);
        if (!robot.IsEnabled) return DeliveryResult.Fail("robot-disabled", "The robot is disabled.", retry: false);
        Uri.TryCreate(robot.WebhookUrl, UriKind.Absolute, out var webhook);
        if (await guard.RefuseAsync(webhook, ct) is { } refusal) return DeliveryResult.Fail("ssrf-refused", refusal, retry: false);

        var culture = CultureInfo.GetCultureInfo(message.Culture);
        var content = new RobotContent(message.Title, message.Body, message.Link,
            notifier.Localize(culture, "Open in Keqing", []), message.Mention);
        var request = RobotFormats.Build(robot.Kind, webhook!, robot.Secret, content, clock.GetUtcNow());
        try
        {
            using var response = await http.CreateClient(HttpClientName).PostAsync(request.Url,
                new StringContent(request.Json, Encoding.UTF8, "application/json"), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return RobotFormats.Error(robot.Kind, (int)response.StatusCode, body) is { } error
                ? DeliveryResult.Fail(error.Code, error.Message)
                : DeliveryResult.Ok;
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Fail("network", e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryResult.Fail("timeout", "The robot did not answer in time.");
        }
    }
}
