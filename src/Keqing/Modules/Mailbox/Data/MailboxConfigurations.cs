using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Mailbox.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Mailbox.Data;

internal sealed class InboundMailboxConfiguration : IEntityTypeConfiguration<InboundMailbox>
{
    public void Configure(EntityTypeBuilder<InboundMailbox> b)
    {
        b.ToTable("mailbox_mailboxes");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(256);
        b.Property(x => x.Host).HasMaxLength(253);
        b.Property(x => x.User).HasMaxLength(256);
        b.Property(x => x.Folder).HasMaxLength(200);
        b.Property(x => x.Security).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ProtectedPassword).HasMaxLength(2000).AuditRedacted();
        b.Property(x => x.ProtectedWebhookSecret).HasMaxLength(2000).AuditRedacted();
    }
}

internal sealed class MailboxPollStateConfiguration : IEntityTypeConfiguration<MailboxPollState>
{
    public void Configure(EntityTypeBuilder<MailboxPollState> b)
    {
        b.ToTable("mailbox_poll_states");
        b.HasKey(x => x.MailboxId);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasOne<InboundMailbox>().WithOne().HasForeignKey<MailboxPollState>(x => x.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> b)
    {
        b.ToTable("mailbox_messages");
        b.HasKey(x => x.Id);
        // Stored once per mailbox: a repeated poll, a crash before "seen", a replayed webhook all meet this index.
        b.HasIndex(x => new { x.MailboxId, x.MessageId }).IsUnique();
        // The per-sender rate cap counts a sender's recent messages.
        b.HasIndex(x => new { x.MailboxId, x.From, x.ReceivedAt });
        b.HasIndex(x => new { x.MailboxId, x.ReceivedAt });
        b.Property(x => x.MessageId).HasMaxLength(500);
        b.Property(x => x.InReplyTo).HasMaxLength(500);
        b.Property(x => x.References).HasMaxLength(4000);
        b.Property(x => x.From).HasMaxLength(256);
        b.Property(x => x.FromName).HasMaxLength(200);
        b.Property(x => x.To).HasMaxLength(2000);
        b.Property(x => x.Subject).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.HeldReason).HasMaxLength(40);
        b.Property(x => x.HandledBy).HasMaxLength(100);
        b.Property(x => x.Language).HasMaxLength(LanguageTag.MaxLength);
        b.HasOne<InboundMailbox>().WithMany().HasForeignKey(x => x.MailboxId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InboundAttachmentConfiguration : IEntityTypeConfiguration<InboundAttachment>
{
    public void Configure(EntityTypeBuilder<InboundAttachment> b)
    {
        b.ToTable("mailbox_attachments");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.MessageId);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.HasOne<InboundMessage>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
