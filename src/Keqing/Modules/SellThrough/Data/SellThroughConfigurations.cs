using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.SellThrough.Data;

internal sealed class SellThroughRowConfiguration : IEntityTypeConfiguration<SellThroughRow>
{
    public void Configure(EntityTypeBuilder<SellThroughRow> b)
    {
        b.ToTable("sellthrough_rows");
        b.Property(x => x.Source).HasConversion<short>();
        // One row per distributor × product × month; also the trend of one distributor × product.
        b.HasIndex(x => new { x.DistributorId, x.ProductId, x.Month }).IsUnique();
        // A month across distributors: the heat map, who has not reported, the alert scan.
        b.HasIndex(x => new { x.Month, x.DistributorId });
    }
}
