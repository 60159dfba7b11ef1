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
        b.HasIndex(x => x.Sequence).IsUnique();
        b.Property(x => x.Hash).HasMaxLength(32);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("infra_audit_chain_head");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LastHash).HasMaxLength(32);
        b.HasData(new AuditChainHead { Id = AuditChainHead.SingleId, LastSequence = 0, LastHash = null });
    }
}
