using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Notifications.Domain;

/// <summary>A team's group-chat robot (WeCom, DingTalk or Feishu custom bot): its webhook and, where signed, its secret.</summary>
[RecordType("notifications.robot", LegacyName = "Robot")]
public sealed class Robot : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public required string Name { get; set; }
    public RobotKind Kind { get; set; }
    /// <summary>The team whose members' notifications it posts; null for a company-wide robot used only for tests.</summary>
    public Guid? TeamId { get; set; }
    public required string WebhookUrl { get; set; }
    /// <summary>The signing secret (DingTalk 加签 "SEC…", Feishu 签名校验); never shown again once saved.</summary>
    public string? Secret { get; set; }
    public bool IsEnabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}
