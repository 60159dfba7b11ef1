using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications.Features;

/// <summary>
/// The <see cref="INotifier"/>: renders the notification in the recipient's language and time zone, adds the in-app row and one outbox
/// message per chosen channel (email, each enabled robot of the recipient's team of the chosen kind), due after the
/// recipient's quiet hours. Adds only; the caller's SaveChanges writes it all in one transaction.
/// </summary>
public sealed class Notifier(KeqingDb db, IUserDirectory users, UserTimeZones zones,
    TimeProvider clock, IOptions<NotificationOptions> options) : INotifier
{
    public async Task Notify(NotificationRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("eventType", request.EventType).MaxLength("eventType", request.EventType, 100)
            .Required("title", request.Title).MaxLength("link", request.Link, 900);
        if (request.Link is { } link && (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal)))
            errors.Add("link", FieldErrors.Text("link is a path inside Keqing (starting with /)."));
        errors.ThrowIfAny();

        var user = await users.Find(request.RecipientUserId, ct) ?? throw new NotFoundException("user");
        if (!user.IsActive) return;
        var settings = await db.Set<NotificationSettings>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.UserId == user.Id, ct) ?? new NotificationSettings { UserId = user.Id };
        var culture = CultureInfo.GetCultureInfo(settings.Culture);
        var zone = await zones.Of(user.Id, ct);
        var args = request.Args?.Select(a => a is DateTime at ? UserClock.Show(at, zone) : a).ToArray() ?? [];
        var title = Clip(Localize(culture, request.Title, args), 500);
        var body = Clip(Localize(culture, request.Body, args), 4000);
        var mention = Localize(culture, "For {0}", [user.DisplayName]);

        var now = clock.GetUtcNow().UtcDateTime;
        var channels = settings.ChannelsFor(request.EventType);
        var notificationId = OrderedId.New();
        if (channels.Contains(Channel.InApp))
            db.Add(new Notification
            {
                Id = notificationId, UserId = user.Id, EventType = request.EventType, Title = title, Body = body,
                Link = request.Link, CreatedAt = now,
            });

        var due = settings.Quiet?.NextAllowed(now) ?? now;
        var absoluteLink = Absolute(request.Link);
        OutboxMessage Message(Channel channel, string key) => new()
        {
            IdempotencyKey = key, NotificationId = notificationId, EventType = request.EventType, Channel = channel,
            RecipientUserId = user.Id, Culture = culture.Name, Title = title, Body = body, Link = absoluteLink,
            Mention = mention, Status = DeliveryStatus.Pending, DueAt = due, CreatedAt = now,
        };

        if (channels.Contains(Channel.Email) && !string.IsNullOrEmpty(user.Email))
        {
            var message = Message(Channel.Email, $"{notificationId:N}:email:{user.Id:N}");
            message.Address = user.Email;
            message.Mention = null;
            db.Add(message);
        }

        var robotKinds = channels.Select(RobotKindOf).OfType<RobotKind>().ToList();
        if (robotKinds.Count > 0 && user.TeamId is { } teamId)
        {
            var robots = await db.Set<Robot>().AsNoTracking()
                .Where(r => r.TeamId == teamId && r.IsEnabled && robotKinds.Contains(r.Kind))
                .Select(r => new { r.Id, r.Kind }).ToListAsync(ct);
            foreach (var robot in robots)
            {
                var channel = ChannelOf(robot.Kind);
                var message = Message(channel, $"{notificationId:N}:{channel}:{robot.Id:N}:{user.Id:N}");
                message.RobotId = robot.Id;
                db.Add(message);
            }
        }
    }

    /// <summary>The robot kind a channel posts through, or null for in-app and email.</summary>
    public static RobotKind? RobotKindOf(Channel channel) => channel switch
    {
        Channel.WeCom => RobotKind.WeCom,
        Channel.DingTalk => RobotKind.DingTalk,
        Channel.Feishu => RobotKind.Feishu,
        _ => null,
    };

    public static Channel ChannelOf(RobotKind kind) => kind switch
    {
        RobotKind.WeCom => Channel.WeCom,
        RobotKind.DingTalk => Channel.DingTalk,
        _ => Channel.Feishu,
    };

    /// <summary>A local path made absolute with <see cref="NotificationOptions.PublicUrl"/> (kept as it is when that is unset).</summary>
    public string? Absolute(string? link) =>
        link is null || string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? link : options.Value.PublicUrl.TrimEnd('/') + link;

    /// <summary>
    /// The English key in <paramref name="culture"/>, its placeholders filled; the key may come from any module's resource
    /// (<see cref="TextResources"/>), so the module that asks for a notification keeps its texts.
    /// </summary>
    public string Localize(CultureInfo culture, string key, object[] args)
    {
        var text = TextResources.Find(key, culture);
        try
        {
            return args.Length == 0 ? text : string.Format(culture, text, args);
        }
        catch (FormatException)
        {
            return key;
        }
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
