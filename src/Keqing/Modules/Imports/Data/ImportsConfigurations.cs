using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Imports.Data;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("imports_jobs");
        b.Property(x => x.Entity).HasMaxLength(30);
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.FileSha256).HasMaxLength(64);
        b.Property(x => x.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Encoding).HasMaxLength(20);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(100);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.Property(x => x.CreatedByRoles).HasMaxLength(200);
        b.Property(x => x.Culture).HasMaxLength(10);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.CreatedBy, x.CreatedAt });
        b.HasIndex(x => x.FileSha256);
    }
}

internal sealed class ImportChunkConfiguration : IEntityTypeConfiguration<ImportChunk>
{
    public void Configure(EntityTypeBuilder<ImportChunk> b)
    {
        b.ToTable("imports_chunks");
        b.HasKey(x => new { x.ImportId, x.Seq });
        b.HasOne<ImportJob>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> b)
    {
        b.ToTable("imports_rows");
        b.HasKey(x => new { x.ImportId, x.RowNo });
        b.Property(x => x.Outcome).HasConversion<short>();
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => x.CustomerId);
        b.HasOne<ImportJob>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
