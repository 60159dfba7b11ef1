using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;

namespace Keqing.Modules.Notifications.Domain;

/// <summary>
/// One user's notification preferences: the language messages are rendered in, quiet hours in their time zone, and
/// the channels per event type (event types not listed reach the user in the app only).
/// </summary>
public sealed class NotificationSettings : IVersioned
{
    public const string DefaultCulture = "zh-CN";
    public const string DefaultTimeZone = "Asia/Shanghai";
    public static readonly IReadOnlyList<Channel> DefaultChannels = [Channel.InApp];

    public Guid UserId { get; set; }
    public string Culture { get; set; } = DefaultCulture;
    public string TimeZone { get; set; } = DefaultTimeZone;
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietUntil { get; set; }
    /// <summary>JSON object: event type → channel names.</summary>
    public string Channels { get; set; } = "{}";
    public long Version { get; set; }

    public IReadOnlyDictionary<string, IReadOnlyList<Channel>> ChannelMap()
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, Channel[]>>(Channels, Json) ?? [];
        return raw.ToDictionary(p => p.Key, p => (IReadOnlyList<Channel>)p.Value.Distinct().ToList());
    }

    public IReadOnlyList<Channel> ChannelsFor(string eventType) =>
        ChannelMap().TryGetValue(eventType, out var channels) ? channels : DefaultChannels;

    public void SetChannels(IReadOnlyDictionary<string, IReadOnlyList<Channel>> map) =>
        Channels = JsonSerializer.Serialize(map.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value.Distinct().Order().ToArray()), Json);

    /// <summary>The user's quiet hours, or null when they have none.</summary>
    public QuietHours? Quiet => QuietFrom is { } from && QuietUntil is { } until && from != until
        ? new QuietHours(from, until, TimeZoneInfo.FindSystemTimeZoneById(TimeZone))
        : null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
