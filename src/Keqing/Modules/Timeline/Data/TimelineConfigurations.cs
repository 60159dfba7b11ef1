using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Timeline.Data;

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("timeline_entries");
        b.Property(x => x.Type).HasMaxLength(40);
        b.Property(x => x.Channel).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(1000);
        b.Property(x => x.SourceModule).HasMaxLength(40);
        // The timeline's keyset order, newest first; filters by employee have their own.
        b.HasIndex(x => new { x.CustomerId, x.OccurredAt, x.Id }).IsDescending(false, true, true);
        b.HasIndex(x => new { x.CustomerId, x.UserId, x.OccurredAt, x.Id }).IsDescending(false, false, true, true);
        b.HasIndex(x => new { x.SourceModule, x.SourceId }).IsUnique();
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ToTable("timeline_interactions");
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Direction).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.Outcome).HasMaxLength(1000);
        b.Property(x => x.NextStep).HasMaxLength(1000);
        // Weekly caps count a customer's contacts on one channel in a week; lists page by (OccurredAt, Id).
        b.HasIndex(x => new { x.CustomerId, x.Channel, x.OccurredAt });
        // "Due for contact" reads each customer's latest contact from here.
        b.HasIndex(x => new { x.CustomerId, x.OccurredAt });
        b.HasIndex(x => new { x.UserId, x.OccurredAt, x.Id });
        b.HasIndex(x => new { x.OccurredAt, x.Id });
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.ToTable("timeline_commitments");
        b.Property(x => x.What).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.CloseNote).HasMaxLength(1000);
        b.HasIndex(x => new { x.CustomerId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.OwnerId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.Status, x.DueAt });
    }
}

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> b)
    {
        b.ToTable("timeline_tasks");
        b.Property(x => x.SubjectType).HasMaxLength(40);
        b.HasIndex(x => new { x.SubjectType, x.SubjectId });
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.AssigneeId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.CustomerId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.Status, x.RemindAt });
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("timeline_alerts");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Title).HasMaxLength(300);
        // One alert per subject, kind and recipient, whichever node's job gets there first.
        b.HasIndex(x => new { x.SubjectId, x.Kind, x.RecipientId }).IsUnique();
        b.HasIndex(x => new { x.RecipientId, x.Id });
    }
}

internal sealed class ContactPreferenceConfiguration : IEntityTypeConfiguration<ContactPreference>
{
    public void Configure(EntityTypeBuilder<ContactPreference> b)
    {
        b.ToTable("timeline_contact_preferences");
        b.HasKey(x => x.ContactId);
        b.Ignore(x => x.Id);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class TimelineSettingsConfiguration : IEntityTypeConfiguration<TimelineSettings>
{
    /// <summary>The unused column that held a second company time zone.</summary>
    public const string LegacyTimeZone = "TimeZone";

    public void Configure(EntityTypeBuilder<TimelineSettings> b)
    {
        b.ToTable("timeline_settings");
        // The company's zone is the business-hours calendar's; this old column is no longer read and goes with the next
        // migration of this table (kept mapped so that dropping it needs no migration of its own).
        b.Property<string>(LegacyTimeZone).HasMaxLength(64).IsRequired();
    }
}

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> b)
    {
        b.ToTable("timeline_handovers");
        b.HasIndex(x => new { x.FromUserId, x.CreatedAt });
    }
}

internal sealed class HandoverItemConfiguration : IEntityTypeConfiguration<HandoverItem>
{
    public void Configure(EntityTypeBuilder<HandoverItem> b)
    {
        b.ToTable("timeline_handover_items");
        b.HasKey(x => new { x.HandoverId, x.CustomerId });
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Handover>().WithMany().HasForeignKey(x => x.HandoverId).OnDelete(DeleteBehavior.Cascade);
    }
}
