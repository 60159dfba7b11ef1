using Keqing.Infrastructure.Audit;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Notifications.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications_inbox");
        b.Property(x => x.EventType).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.Property(x => x.Link).HasMaxLength(1000);
        // The list (newest first) and the unread count of one user.
        b.HasIndex(x => new { x.UserId, x.Id });
        b.HasIndex(x => new { x.UserId, x.ReadAt, x.Id });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("notifications_outbox");
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.Property(x => x.EventType).HasMaxLength(100);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Address).HasMaxLength(320);
        b.Property(x => x.Culture).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.Body).HasMaxLength(OutboxMessage.MaxBody);
        b.Property(x => x.MessageIdHeader).HasMaxLength(500);
        b.Property(x => x.InReplyTo).HasMaxLength(500);
        b.Property(x => x.References).HasMaxLength(2000);
        b.Property(x => x.ReplyTo).HasMaxLength(320);
        b.Property(x => x.Link).HasMaxLength(1000);
        b.Property(x => x.Mention).HasMaxLength(200);
        b.Property(x => x.LastErrorCode).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(1000);
        // The dispatcher's scan: pending messages by due time.
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => x.RobotId);
    }
}

internal sealed class RobotConfiguration : IEntityTypeConfiguration<Robot>
{
    public void Configure(EntityTypeBuilder<Robot> b)
    {
        b.ToTable("notifications_robots");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.WebhookUrl).HasMaxLength(1000).AuditRedacted();
        b.Property(x => x.Secret).HasMaxLength(500).AuditRedacted();
        b.HasIndex(x => x.TeamId);
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.ToTable("notifications_settings");
        b.HasKey(x => x.UserId);
        b.Property(x => x.Culture).HasMaxLength(20);
        b.Property(x => x.TimeZone).HasMaxLength(100);
        b.Property(x => x.Channels).HasMaxLength(4000);
    }
}
