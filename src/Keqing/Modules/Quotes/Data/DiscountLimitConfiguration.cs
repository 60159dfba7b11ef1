using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Quotes.Data;

internal sealed class DiscountLimitConfiguration : IEntityTypeConfiguration<DiscountLimit>
{
    public void Configure(EntityTypeBuilder<DiscountLimit> b)
    {
        b.ToTable("quotes_discount_limits");
        b.Property(x => x.Role).HasMaxLength(40);
        b.Property(x => x.MaxPercent).HasPrecision(7, 4);
        b.HasIndex(x => x.Role).IsUnique().HasFilter("\"Role\" IS NOT NULL");
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
    }
}

internal sealed class DiscountLimitSetConfiguration : IEntityTypeConfiguration<DiscountLimitSet>
{
    public void Configure(EntityTypeBuilder<DiscountLimitSet> b)
    {
        b.ToTable("quotes_discount_limit_set");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
