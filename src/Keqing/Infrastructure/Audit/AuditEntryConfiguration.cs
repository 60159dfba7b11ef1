using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("infra_audit_entries");
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.Id });
        b.HasIndex(x => new { x.UserId, x.Id });
    }
}
