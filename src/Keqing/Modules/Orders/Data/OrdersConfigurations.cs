using Keqing.Infrastructure.Money;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Orders.Data;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(x => x.Number).HasMaxLength(40);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Currency).HasMaxLength(3).IsUnicode(false);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.HasMoney(x => x.NetTotal);
        b.HasMoney(x => x.TaxTotal);
        b.HasMoney(x => x.GrandTotal);
        b.HasMoney(x => x.CostTotal);
        b.HasIndex(x => new { x.CustomerId, x.OrderDate });
        // One order per quote.
        b.HasIndex(x => x.QuoteId).IsUnique().HasFilter("\"QuoteId\" IS NOT NULL");
        b.HasIndex(x => new { x.OwnerId, x.OrderDate });
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter("\"ArchivedAt\" IS NULL").HasDatabaseName("IX_orders_live_CreatedAt");
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("orders_lines");
        b.Property(x => x.VatRatePercent).HasPrecision(5, 2);
        b.HasMoney(x => x.NetAmount);
        b.HasMoney(x => x.TaxAmount);
        b.HasMoney(x => x.UnitCost);
        b.HasIndex(x => new { x.OrderId, x.LineNo }).IsUnique();
        // A customer's purchases of a product over time (last price paid, value analytics).
        b.HasIndex(x => new { x.CustomerId, x.ProductId, x.OrderDate });
        // A product's sales over time.
        b.HasIndex(x => new { x.ProductId, x.OrderDate });
        b.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
