using Keqing.Infrastructure.Money;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Quotes.Data;

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> b)
    {
        b.ToTable("quotes");
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Currency).HasMaxLength(3).IsUnicode(false);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.TotalDiscountPercent).HasPrecision(7, 4);
        b.Property(x => x.MaxDiscountPercent).HasPrecision(7, 4);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.RejectionReason).HasMaxLength(500);
        b.HasMoney(x => x.Subtotal);
        b.HasMoney(x => x.DiscountTotal);
        b.HasMoney(x => x.NetTotal);
        b.HasMoney(x => x.TaxTotal);
        b.HasMoney(x => x.GrandTotal);
        b.HasIndex(x => new { x.RootId, x.Revision }).IsUnique();
        // Revisions share their quote's number; two quotes never do.
        b.HasIndex(x => new { x.Number, x.Revision }).IsUnique();
        // "The customer's other open quotes from any rep" and the customer's timeline.
        b.HasIndex(x => new { x.CustomerId, x.Status });
        b.HasIndex(x => x.OpportunityId).HasFilter("\"OpportunityId\" IS NOT NULL");
        b.HasIndex(x => new { x.OwnerId, x.Status });
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter("\"ArchivedAt\" IS NULL").HasDatabaseName("IX_quotes_live_CreatedAt");
    }
}

internal sealed class QuoteLineConfiguration : IEntityTypeConfiguration<QuoteLine>
{
    public void Configure(EntityTypeBuilder<QuoteLine> b)
    {
        b.ToTable("quotes_lines");
        b.Property(x => x.Sku).HasMaxLength(64);
        b.Property(x => x.ProductName).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.Specification).HasMaxLength(200);
        b.Property(x => x.PriceSource).HasMaxLength(200);
        b.Property(x => x.DiscountPercent).HasPrecision(7, 4);
        b.Property(x => x.VatRatePercent).HasPrecision(5, 2);
        b.HasMoney(x => x.ListUnitPrice);
        b.HasMoney(x => x.NetAmount);
        b.HasMoney(x => x.TaxAmount);
        b.HasMoney(x => x.GrossAmount);
        b.HasMoney(x => x.UnitCost);
        b.HasIndex(x => new { x.QuoteId, x.LineNo }).IsUnique();
        b.HasOne<Quote>().WithMany().HasForeignKey(x => x.QuoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
