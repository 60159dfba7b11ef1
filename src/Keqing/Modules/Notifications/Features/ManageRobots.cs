using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>The admin's team robots: list, create, change, delete, and send a test message through the outbox at once.</summary>
public sealed class ManageRobots(KeqingDb db, WebhookGuard guard, OutboxDispatcher dispatcher, Notifier notifier,
    IUserDirectory users, TimeProvider clock)
{
    /// <summary>The outcome of a test message: its outbox id, whether it arrived, and the robot's error code if not.</summary>
    public sealed record TestResult(Guid DeliveryId, bool Delivered, string? ErrorCode, string? Error);

    public async Task<Page<RobotDto>> List(int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var rows = db.Set<Robot>().AsNoTracking();
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(r => r.Id.CompareTo(last) > 0);
        var items = await rows.OrderBy(r => r.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(items.Select(ToDto).ToList(), take, r => (Guid?)r.Id);
    }

    public async Task<RobotDto> Get(Guid id, CancellationToken ct) =>
        ToDto(await db.Set<Robot>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("robot"));

    public async Task<RobotDto> Create(RobotInput input, CancellationToken ct)
    {
        await Check(input, ct);
        var robot = new Robot
        {
            Name = input.Name.Trim(), Kind = input.Kind!.Value, TeamId = input.TeamId, WebhookUrl = input.WebhookUrl.Trim(),
            Secret = string.IsNullOrWhiteSpace(input.Secret) ? null : input.Secret.Trim(), IsEnabled = input.IsEnabled,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(robot);
        await db.SaveChangesAsync(ct);
        return ToDto(robot);
    }

    public async Task<RobotDto> Update(Guid id, long expectedVersion, RobotInput input, CancellationToken ct)
    {
        var robot = await db.Set<Robot>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("robot");
        await Check(input, ct);
        Preconditions.ExpectVersion(db, robot, expectedVersion);
        robot.Name = input.Name.Trim();
        robot.Kind = input.Kind!.Value;
        robot.TeamId = input.TeamId;
        robot.WebhookUrl = input.WebhookUrl.Trim();
        if (input.Secret is not null) robot.Secret = input.Secret.Trim().Length == 0 ? null : input.Secret.Trim();
        robot.IsEnabled = input.IsEnabled;
        await db.SaveChangesAsync(ct);
        return ToDto(robot);
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var robot = await db.Set<Robot>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("robot");
        db.Remove(robot);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Queues a system.test message to the robot and delivers it now, through the same outbox as every message.</summary>
    public async Task<TestResult> SendTest(Guid id, Guid adminId, CancellationToken ct)
    {
        var robot = await db.Set<Robot>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("robot");
        var admin = await users.Find(adminId, ct);
        var settings = await db.Set<NotificationSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.UserId == adminId, ct);
        var culture = System.Globalization.CultureInfo.GetCultureInfo(settings?.Culture ?? NotificationSettings.DefaultCulture);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            IdempotencyKey = $"test:{Guid.NewGuid():N}", EventType = EventTypes.SystemTest, Channel = Notifier.ChannelOf(robot.Kind),
            RobotId = robot.Id, Culture = culture.Name,
            Title = notifier.Localize(culture, "Test message from Keqing CRM", []),
            Body = notifier.Localize(culture, "Robot {0} is set up correctly.", [robot.Name]),
            Link = notifier.Absolute("/admin/robots"),
            Mention = admin is null ? null : notifier.Localize(culture, "Sent by {0}", [admin.DisplayName]),
            Status = DeliveryStatus.Pending, DueAt = now, CreatedAt = now,
        };
        db.Add(message);
        await db.SaveChangesAsync(ct);
        var result = await dispatcher.DispatchOneAsync(message.Id, ct);
        return result is null
            ? new TestResult(message.Id, false, "busy", "Another node is delivering this message.")
            : new TestResult(message.Id, result.Delivered, result.Code, result.Message);
    }

    private async Task Check(RobotInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name, 200)
            .Required("webhookUrl", input.WebhookUrl).MaxLength("webhookUrl", input.WebhookUrl, 1000)
            .MaxLength("secret", input.Secret, 500);
        if (input.Kind is null) errors.Add("kind", FieldErrors.Text("kind is one of weCom, dingTalk, feishu."));
        if (!string.IsNullOrWhiteSpace(input.WebhookUrl) && input.WebhookUrl.Length <= 1000)
        {
            Uri.TryCreate(input.WebhookUrl.Trim(), UriKind.Absolute, out var uri);
            if (await guard.RefuseAsync(uri, ct) is { } refusal) errors.Add("webhookUrl", refusal);
        }
        if (input.TeamId is { } team && !await users.TeamExists(team, ct)) errors.Add("teamId", FieldErrors.Text("No team has this id."));
        errors.ThrowIfAny();
    }

    private static RobotDto ToDto(Robot r) =>
        new(r.Id, r.Name, r.Kind, r.TeamId, r.WebhookUrl, !string.IsNullOrEmpty(r.Secret), r.IsEnabled, r.CreatedAt, r.Version);
}
