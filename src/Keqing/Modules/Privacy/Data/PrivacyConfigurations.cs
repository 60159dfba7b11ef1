using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Privacy.Data;

internal sealed class PrivacyGrantConfiguration : IEntityTypeConfiguration<PrivacyGrant>
{
    public void Configure(EntityTypeBuilder<PrivacyGrant> b)
    {
        b.ToTable("privacy_grants");
        b.Property(x => x.Role).HasMaxLength(50);
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.Role, x.Category }).IsUnique();
    }
}

internal sealed class RevealConfiguration : IEntityTypeConfiguration<Reveal>
{
    public void Configure(EntityTypeBuilder<Reveal> b)
    {
        b.ToTable("privacy_reveals");
        b.Property(x => x.RecordType).HasMaxLength(100);
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasIndex(x => new { x.UserId, x.SubjectId, x.ExpiresAt });
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.ToTable("privacy_consents");
        b.Property(x => x.SubjectType).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(200);
        b.HasIndex(x => new { x.SubjectType, x.SubjectId, x.Purpose });
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> b)
    {
        b.ToTable("privacy_suppressions");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.Hash).IsUnique();
    }
}

internal sealed class SuppressionKeyConfiguration : IEntityTypeConfiguration<SuppressionKey>
{
    public void Configure(EntityTypeBuilder<SuppressionKey> b)
    {
        b.ToTable("privacy_suppression_key");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}

internal sealed class BoundaryOverrideConfiguration : IEntityTypeConfiguration<BoundaryOverride>
{
    public void Configure(EntityTypeBuilder<BoundaryOverride> b)
    {
        b.ToTable("privacy_boundary_overrides");
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Message).HasMaxLength(500);
        b.Property(x => x.SourceType).HasMaxLength(40);
        b.HasIndex(x => new { x.UserId, x.Id });
        b.HasIndex(x => new { x.CustomerId, x.Id });
    }
}
