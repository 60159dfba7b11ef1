using Keqing.Modules.Sla.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Sla.Data;

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> b)
    {
        b.ToTable("sla_policies");
        b.Property(x => x.Name).HasMaxLength(Features.SlaPolicies.MaxNameLength);
        b.Property(x => x.RecordType).HasMaxLength(RecordClock.MaxRecordTypeLength);
        b.Property(x => x.Priorities).HasMaxLength(1000);
        b.Property(x => x.Types).HasMaxLength(1000);
        b.Property(x => x.Grades).HasMaxLength(1000);
        b.HasIndex(x => x.RecordType);
    }
}

internal sealed class RecordClockConfiguration : IEntityTypeConfiguration<RecordClock>
{
    public void Configure(EntityTypeBuilder<RecordClock> b)
    {
        b.ToTable("sla_clocks");
        b.Property(x => x.RecordType).HasMaxLength(RecordClock.MaxRecordTypeLength);
        b.Property(x => x.Title).HasMaxLength(RecordClock.MaxTitleLength);
        b.Property(x => x.Link).HasMaxLength(RecordClock.MaxLinkLength);
        b.Property(x => x.Priority).HasMaxLength(RecordClock.MaxAttributeLength);
        b.Property(x => x.Type).HasMaxLength(RecordClock.MaxAttributeLength);
        b.Property(x => x.Grade).HasMaxLength(RecordClock.MaxAttributeLength);
        b.HasIndex(x => new { x.RecordType, x.RecordId }).IsUnique();
        // The scan's one index: only clocks with an alarm pending are in it.
        b.HasIndex(x => x.NextAlarmAt).HasDatabaseName("IX_sla_clocks_next_alarm").HasFilter("\"NextAlarmAt\" IS NOT NULL");
        b.HasIndex(x => x.CalendarId);
    }
}

internal sealed class SlaBreachConfiguration : IEntityTypeConfiguration<SlaBreach>
{
    public void Configure(EntityTypeBuilder<SlaBreach> b)
    {
        b.ToTable("sla_breaches");
        b.Property(x => x.RecordType).HasMaxLength(RecordClock.MaxRecordTypeLength);
        b.Property(x => x.Target).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.ClockId, x.Target }).IsUnique();
        b.HasIndex(x => x.DetectedAt);
    }
}
