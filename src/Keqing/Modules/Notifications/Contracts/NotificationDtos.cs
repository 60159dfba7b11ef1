namespace Keqing.Modules.Notifications.Contracts;

/// <summary>An in-app notification as the bell, the list and the API show it.</summary>
public sealed record NotificationDto(Guid Id, string EventType, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>The channels a user chose for one event type.</summary>
public sealed record EventChannels(string EventType, IReadOnlyList<Channel> Channels);

/// <summary>A daily quiet window, local times "HH:mm" in the user's time zone.</summary>
public sealed record QuietHoursDto(string From, string Until);

/// <summary>A user's notification preferences (GET and PUT /api/me/notification-preferences).</summary>
public sealed record NotificationPreferencesDto(string Culture, string TimeZone, QuietHoursDto? QuietHours,
    IReadOnlyList<EventChannels> Events, long Version);

/// <summary>A team robot as the admin sees it; the secret is never shown, only whether there is one.</summary>
public sealed record RobotDto(Guid Id, string Name, RobotKind Kind, Guid? TeamId, string WebhookUrl, bool HasSecret,
    bool IsEnabled, DateTime CreatedAt, long Version);

/// <summary>What an admin sends to create or change a robot; a null secret on update keeps the one saved, "" removes it.</summary>
public sealed record RobotInput(string Name, RobotKind? Kind, Guid? TeamId, string WebhookUrl, string? Secret, bool IsEnabled = true);

/// <summary>One outbox message as the admin sees it: where it goes, how it went, the robot's error code.</summary>
public sealed record DeliveryDto(Guid Id, string EventType, Channel Channel, Guid? RecipientUserId, Guid? RobotId, string Title,
    string Status, int Attempts, DateTime DueAt, DateTime? DeliveredAt, string? LastErrorCode, string? LastError, DateTime CreatedAt);
