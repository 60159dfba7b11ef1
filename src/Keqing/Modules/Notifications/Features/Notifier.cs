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
    public Task Notify(NotificationRequest request, CancellationToken ct) => NotifyMany([request], ct);

    public async Task NotifyMany(IReadOnlyList<NotificationRequest> requests, CancellationToken ct)
    {
        foreach (var request in requests)
        {
            var errors = new FieldErrors().Required("eventType", request.EventType).MaxLength("eventType", request.EventType, 100)
                .Required("title", request.Title).MaxLength("link", request.Link, 900);
            if (request.Link is { } link && (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal)))
                errors.Add("link", FieldErrors.Text("link is a path inside Keqing (starting with /)."));
            errors.ThrowIfAny();
        }
        if (requests.Count == 0) return;

        var recipientIds = requests.Select(r => r.RecipientUserId).Distinct().ToList();
        var recipients = new Dictionary<Guid, UserSummary>();
        // A scan's batch reaches many people: the active users in one query, whoever is left (inactive, unknown) one by one.
        var wanted = recipientIds.ToHashSet();
        if (recipientIds.Count > 3)
            foreach (var active in await users.Active(ct))
                if (wanted.Contains(active.Id)) recipients[active.Id] = active;
        foreach (var id in recipientIds.Where(id => !recipients.ContainsKey(id)))
            recipients[id] = await users.Find(id, ct) ?? throw new NotFoundException("user");
        var settingsOf = await db.Set<NotificationSettings>().AsNoTracking().Where(s => recipientIds.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
        var teamIds = recipients.Values.Where(u => u.IsActive && u.TeamId is not null).Select(u => u.TeamId!.Value).Distinct().ToList();
        var robots = teamIds.Count == 0 ? new List<TeamRobot>() : await db.Set<Robot>().AsNoTracking()
            .Where(r => r.TeamId != null && teamIds.Contains(r.TeamId.Value) && r.IsEnabled)
            .Select(r => new TeamRobot(r.Id, r.Kind, r.TeamId!.Value)).ToListAsync(ct);
        var robotsOf = robots.ToLookup(r => r.TeamId);
        TimeZoneInfo? company = null;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var request in requests)
        {
            var user = recipients[request.RecipientUserId];
            if (!user.IsActive) continue;
            var settings = settingsOf.GetValueOrDefault(user.Id) ?? new NotificationSettings { UserId = user.Id };
            // The user's chosen zone, else the company's (as UserTimeZones answers it, without a query per notification).
            var zone = settingsOf.ContainsKey(user.Id) && TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var chosen)
                ? chosen : company ??= await zones.Company(ct);
            Add(request, user, settings, zone, user.TeamId is { } team ? robotsOf[team] : [], now);
        }
    }

    /// <summary>Adds the in-app row and the outbox messages of one notification to the unit of work.</summary>
    private void Add(NotificationRequest request, UserSummary user, NotificationSettings settings, TimeZoneInfo zone,
        IEnumerable<TeamRobot> teamRobots, DateTime now)
    {
        var culture = CultureInfo.GetCultureInfo(settings.Culture);
        var args = request.Args?.Select(a => a is DateTime at ? UserClock.Show(at, zone) : a).ToArray() ?? [];
        var title = Clip(Localize(culture, request.Title, args), 500);
        var body = Clip(Localize(culture, request.Body, args), 4000);
        var mention = Localize(culture, "For {0}", [user.DisplayName]);

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
        foreach (var robot in teamRobots.Where(r => robotKinds.Contains(r.Kind)))
        {
            var channel = ChannelOf(robot.Kind);
            var message = Message(channel, $"{notificationId:N}:{channel}:{robot.Id:N}:{user.Id:N}");
            message.RobotId = robot.Id;
            db.Add(message);
        }
    }

    private sealed record TeamRobot(Guid Id, RobotKind Kind, Guid TeamId);

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
