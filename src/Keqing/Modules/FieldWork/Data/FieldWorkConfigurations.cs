using Keqing.Modules.FieldWork.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.FieldWork.Data;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("field_visits");
        b.Property(x => x.Notes).HasMaxLength(Rules.MaxNotes);
        // The day of a team (record access narrows by owner or team, then the day's range).
        b.HasIndex(x => new { x.TeamId, x.CheckInAt });
        b.HasIndex(x => new { x.OwnerId, x.CheckInAt });
        // At most one open visit per employee: a second check-in before checking out is refused (and a race hits this).
        b.HasIndex(x => x.OwnerId).IsUnique().HasFilter("\"CheckOutAt\" IS NULL").HasDatabaseName("IX_field_visits_open");
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class VisitPhotoConfiguration : IEntityTypeConfiguration<VisitPhoto>
{
    public void Configure(EntityTypeBuilder<VisitPhoto> b)
    {
        b.ToTable("field_visit_photos");
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.HasOne<Visit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FieldSettingsConfiguration : IEntityTypeConfiguration<FieldSettings>
{
    public void Configure(EntityTypeBuilder<FieldSettings> b)
    {
        b.ToTable("field_settings");
        b.Property(x => x.TileUrl).HasMaxLength(Rules.MaxTileUrl);
        b.Property(x => x.TileAttribution).HasMaxLength(300);
    }
}

internal sealed class DispatchConfiguration : IEntityTypeConfiguration<Dispatch>
{
    public void Configure(EntityTypeBuilder<Dispatch> b)
    {
        b.ToTable("field_dispatches");
        b.Property(x => x.RecordType).HasMaxLength(60);
        b.Property(x => x.RecordLabel).HasMaxLength(100);
        b.Property(x => x.RecordLink).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(Rules.MaxNotes);
        b.Property(x => x.ResultNote).HasMaxLength(Rules.MaxNotes);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        // A record's dispatches (the case page), and the technician's list by window.
        b.HasIndex(x => new { x.RecordType, x.RecordId });
        b.HasIndex(x => new { x.OwnerId, x.WindowFrom });
        b.HasIndex(x => x.CustomerId);
    }
}
