using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.SellThrough.Data;

internal sealed class SellThroughAlertConfiguration : IEntityTypeConfiguration<SellThroughAlert>
{
    public void Configure(EntityTypeBuilder<SellThroughAlert> b)
    {
        b.ToTable("sellthrough_alerts");
        b.Property(x => x.Kind).HasConversion<short>();
        b.Property(x => x.MonthsOfStock).HasPrecision(18, 2);
        // Each alert once: the scan inserts only what this index does not hold yet.
        b.HasIndex(x => new { x.DistributorId, x.ProductId, x.Month, x.Kind }).IsUnique();
        // The newest alerts first (the list).
        b.HasIndex(x => new { x.Month, x.CreatedAt });
    }
}

internal sealed class SellThroughSettingsConfiguration : IEntityTypeConfiguration<SellThroughSettings>
{
    public void Configure(EntityTypeBuilder<SellThroughSettings> b)
    {
        b.ToTable("sellthrough_settings");
        b.Property(x => x.MonthsOfStockLimit).HasPrecision(9, 2);
    }
}
