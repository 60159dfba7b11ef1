using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Features;

namespace Keqing.Modules.Notifications.Api;

/// <summary>The notification endpoints: the caller's notifications and preferences, the admin's robots and deliveries.</summary>
public static class NotificationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/notifications").WithTags("Notifications");
        inbox.MapGet("", (Inbox handler, bool? unread, int? limit, string? after, CancellationToken ct) =>
                handler.List(unread, limit, after, ct))
            .WithSummary("The caller's in-app notifications, newest first (unread=true for the unread ones), keyset-paged.");
        inbox.MapGet("/unread-count", async (Inbox handler, CancellationToken ct) =>
                TypedResults.Ok(new UnreadCount(await handler.UnreadCount(ct))))
            .WithSummary("How many notifications the caller has not read (counted up to 100).");
        inbox.MapPost("/{id:guid}/read", async (Guid id, Inbox handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.MarkRead(id, ct)));
        inbox.MapPost("/read-all", async (Inbox handler, CancellationToken ct) =>
            TypedResults.Ok(new MarkedRead(await handler.MarkAllRead(ct))));

        var me = api.MapGroup("/me/notification-preferences").WithTags("Notifications");
        me.MapGet("", async (Preferences handler, HttpResponse response, CancellationToken ct) =>
        {
            var preferences = await handler.Get(ct);
            Preconditions.SetETag(response, preferences.Version);
            return TypedResults.Ok(preferences);
        }).WithSummary("The caller's language, time zone, quiet hours and channels per event type (version 0: the defaults).");
        me.MapPut("", async (Preferences.Request request, Preferences handler, HttpContext http, CancellationToken ct) =>
        {
            var preferences = await handler.Update(Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, preferences.Version);
            return TypedResults.Ok(preferences);
        }).WithSummary("Replaces the caller's preferences; If-Match with the version read (\"0\" before the first save).");
        me.MapPost("/test", async (Preferences handler, CancellationToken ct) =>
        {
            await handler.SendMeATest(ct);
            return TypedResults.Accepted("/api/notifications");
        }).WithSummary("Sends the caller a system.test notification through the channels they chose for it.");

        var robots = api.MapGroup("/robots").WithTags("Robots").RequireAuthorization(NotificationsCapabilities.ManageRobots);
        robots.MapGet("", (ManageRobots handler, int? limit, string? after, CancellationToken ct) => handler.List(limit, after, ct));
        robots.MapGet("/{id:guid}", async (Guid id, ManageRobots handler, HttpResponse response, CancellationToken ct) =>
        {
            var robot = await handler.Get(id, ct);
            Preconditions.SetETag(response, robot.Version);
            return TypedResults.Ok(robot);
        });
        robots.MapPost("", async (RobotInput input, ManageRobots handler, HttpResponse response, CancellationToken ct) =>
        {
            var robot = await handler.Create(input, ct);
            Preconditions.SetETag(response, robot.Version);
            return TypedResults.Created($"/api/robots/{robot.Id}", robot);
        }).WithIdempotency().WithSummary("Adds a team robot: https webhook on a public address; secret for DingTalk 加签 / Feishu 签名校验.");
        robots.MapPut("/{id:guid}", async (Guid id, RobotInput input, ManageRobots handler, HttpContext http, CancellationToken ct) =>
        {
            var robot = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, robot.Version);
            return TypedResults.Ok(robot);
        }).WithSummary("Changes a robot; a null secret keeps the saved one, an empty one removes it.");
        robots.MapDelete("/{id:guid}", async (Guid id, ManageRobots handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });
        robots.MapPost("/{id:guid}/test", async (Guid id, ManageRobots handler, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok(await handler.SendTest(id, user.UserId, ct)))
            .WithSummary("Sends a test message to the robot now, through the outbox; answers whether it arrived and the robot's error code.");

        var deliveries = api.MapGroup("/notification-deliveries").WithTags("Robots").RequireAuthorization(NotificationsCapabilities.ManageRobots);
        deliveries.MapGet("", (Deliveries handler, string? status, Guid? robotId, int? limit, string? after, CancellationToken ct) =>
                handler.List(status, robotId, limit, after, ct))
            .WithSummary("Outbox messages, newest first: status=pending|delivered|failed, with attempts and the robot's error code.");
        deliveries.MapGet("/{id:guid}", async (Guid id, Deliveries handler, CancellationToken ct) => TypedResults.Ok(await handler.Get(id, ct)));
    }

    /// <summary>The unread count.</summary>
    public sealed record UnreadCount(int Count);

    /// <summary>How many notifications were marked read.</summary>
    public sealed record MarkedRead(int Count);
}
