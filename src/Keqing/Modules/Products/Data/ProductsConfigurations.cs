using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Products.Data;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.Property(x => x.Sku).HasMaxLength(64);
        b.HasIndex(x => x.Sku).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.Specification).HasMaxLength(200);
        b.HasMoney(x => x.ListPrice);
        b.HasMoney(x => x.Cost);
        b.Property(x => x.VatRatePercent).HasPrecision(5, 2);
        b.HasIndex(x => x.CategoryId);
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> b)
    {
        b.ToTable("products_categories");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.HasIndex(x => x.ParentId);
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriceGroupConfiguration : IEntityTypeConfiguration<PriceGroup>
{
    public void Configure(EntityTypeBuilder<PriceGroup> b)
    {
        b.ToTable("products_price_groups");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class PriceGroupMemberConfiguration : IEntityTypeConfiguration<PriceGroupMember>
{
    public void Configure(EntityTypeBuilder<PriceGroupMember> b)
    {
        b.ToTable("products_price_group_members");
        b.HasKey(x => x.CustomerId);
        b.HasIndex(x => x.PriceGroupId);
        b.HasOne<PriceGroup>().WithMany().HasForeignKey(x => x.PriceGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> b)
    {
        b.ToTable("products_price_lists");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Scope).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Currency).HasMaxLength(3).IsUnicode(false);
        b.HasIndex(x => x.PriceGroupId);
        b.HasIndex(x => x.CustomerId);
        b.HasOne<PriceGroup>().WithMany().HasForeignKey(x => x.PriceGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriceListItemConfiguration : IEntityTypeConfiguration<PriceListItem>
{
    public void Configure(EntityTypeBuilder<PriceListItem> b)
    {
        b.ToTable("products_price_list_items");
        b.HasMoney(x => x.UnitPrice);
        b.HasIndex(x => new { x.PriceListId, x.ProductId, x.MinQuantity }).IsUnique();
        // Price resolution: a product's tiers on every list.
        b.HasIndex(x => new { x.ProductId, x.PriceListId });
        b.HasOne<PriceList>().WithMany().HasForeignKey(x => x.PriceListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
