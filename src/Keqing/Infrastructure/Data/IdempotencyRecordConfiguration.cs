using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Infrastructure.Data;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("infra_idempotency");
        b.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
        b.HasIndex(x => x.CreatedAt);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.Path).HasMaxLength(400);
        b.Property(x => x.Fingerprint).HasMaxLength(64);
        b.Property(x => x.Location).HasMaxLength(400);
        b.Property(x => x.ETag).HasMaxLength(100);
    }
}
