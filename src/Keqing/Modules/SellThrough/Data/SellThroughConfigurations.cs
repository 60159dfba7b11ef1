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
        // A month across distributors, each month's rows in distributor × product order: the heat map (a month merged
        // with the two before), who has not reported, the alert scan.
        b.HasIndex(x => new { x.Month, x.DistributorId, x.ProductId });
    }
}

internal sealed class SellThroughSummaryCellConfiguration : IEntityTypeConfiguration<SellThroughSummaryCell>
{
    public void Configure(EntityTypeBuilder<SellThroughSummaryCell> b)
    {
        b.ToTable("sellthrough_summary");
        // The heat map reads a month; the write path replaces a distributor's month.
        b.HasKey(x => new { x.Month, x.DistributorId, x.CategoryId });
    }
}

internal sealed class SellThroughSummaryPendingConfiguration : IEntityTypeConfiguration<SellThroughSummaryPending>
{
    public void Configure(EntityTypeBuilder<SellThroughSummaryPending> b)
    {
        b.ToTable("sellthrough_summary_pending");
        b.HasKey(x => new { x.DistributorId, x.Month });
    }
}

internal sealed class SellThroughProviderConfiguration : Infrastructure.Data.IProviderModelConfiguration
{
    public void ConfigurePostgres(ModelBuilder builder) =>
        // The heat map reads sales and closing stock from the index alone (index-only scans of the months).
        builder.Entity<SellThroughRow>().HasIndex(x => new { x.Month, x.DistributorId, x.ProductId })
            .IncludeProperties(x => new { x.Sales, x.Closing });

    public void ConfigureSqlite(ModelBuilder builder) { }
}
