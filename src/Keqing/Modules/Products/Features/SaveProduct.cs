using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>Reads, creates, changes (If-Match) and deactivates a product; the SKU is unique whatever its case.</summary>
public sealed class SaveProduct(KeqingDb db, TimeProvider time)
{
    public async Task<ProductDto> Get(Guid id, CancellationToken ct)
    {
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("product");
        return await ToDto(product, ct);
    }

    public async Task<ProductDto> Create(ProductInput input, CancellationToken ct)
    {
        await Check(input, null, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var product = new Product { CreatedAt = now, UpdatedAt = now };
        Apply(product, input);
        db.Add(product);
        await db.SaveChangesAsync(ct);
        return await ToDto(product, ct);
    }

    public async Task<ProductDto> Update(Guid id, long expectedVersion, ProductInput input, CancellationToken ct)
    {
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("product");
        await Check(input, id, ct);
        Preconditions.ExpectVersion(db, product, expectedVersion);
        Apply(product, input);
        if (db.Entry(product).Properties.Any(p => p.IsModified)) product.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return await ToDto(product, ct);
    }

    /// <summary>Takes the product out of the pickers and price resolution; quotes and orders that have it keep it.</summary>
    public async Task Deactivate(Guid id, CancellationToken ct)
    {
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("product");
        if (!product.Active) return;
        product.Active = false;
        product.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The SKU as stored and compared: trimmed and upper-cased.</summary>
    public static string NormalSku(string sku) => sku.Trim().ToUpperInvariant();

    /// <summary>Every rule of a product's fields (also for imported rows), named by field; <paramref name="id"/> is the product being changed.</summary>
    public async Task Check(ProductInput input, Guid? id, CancellationToken ct)
    {
        var errors = CheckFields(input);
        if (!string.IsNullOrWhiteSpace(input.Sku) && input.Sku.Trim().Length <= 64)
        {
            var sku = NormalSku(input.Sku);
            if (await db.Set<Product>().AnyAsync(p => p.Sku == sku && p.Id != id, ct))
                errors.Add("sku", FieldErrors.Text("Another product has this SKU."));
        }
        if (input.CategoryId is { } categoryId && !await db.Set<ProductCategory>().AnyAsync(c => c.Id == categoryId, ct))
            errors.Add("categoryId", FieldErrors.Text("No such category."));
        errors.ThrowIfAny();
    }

    /// <summary>The rules that need no database: lengths, required fields, money and the VAT rate.</summary>
    public static FieldErrors CheckFields(ProductInput input)
    {
        var errors = new FieldErrors()
            .Required("sku", input.Sku).MaxLength("sku", input.Sku?.Trim(), 64)
            .Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 200)
            .MaxLength("nameEn", input.NameEn?.Trim(), 200)
            .Required("unit", input.Unit).MaxLength("unit", input.Unit?.Trim(), 20)
            .MaxLength("specification", input.Specification?.Trim(), 200);
        CheckPrice(errors, "listPrice", input.ListPrice);
        CheckPrice(errors, "cost", input.Cost);
        if (input.VatRatePercent is null) errors.Add("vatRatePercent", FieldErrors.Text("Required."));
        else if (input.VatRatePercent is < 0 or > 100 || decimal.Round(input.VatRatePercent.Value, 2) != input.VatRatePercent)
            errors.Add("vatRatePercent", FieldErrors.Text("The VAT rate is 0 to 100 percent, with at most two decimals."));
        return errors;
    }

    private static void CheckPrice(FieldErrors errors, string field, Money? price)
    {
        if (price is not { } p) errors.Add(field, FieldErrors.Text("Required."));
        else if (p.IsNegative) errors.Add(field, FieldErrors.Text("A price is zero or more."));
        else if (p.Currency != Currencies.Default) errors.Add(field, FieldErrors.Text("Product prices are in {0}.", Currencies.Default));
    }

    internal static void Apply(Product product, ProductInput input)
    {
        product.Sku = NormalSku(input.Sku!);
        product.Name = input.Name!.Trim();
        product.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        product.CategoryId = input.CategoryId;
        product.Unit = input.Unit!.Trim();
        product.Specification = string.IsNullOrWhiteSpace(input.Specification) ? null : input.Specification.Trim();
        product.ListPrice = input.ListPrice!.Value;
        product.Cost = input.Cost!.Value;
        product.VatRatePercent = input.VatRatePercent!.Value;
        product.Active = input.Active;
    }

    private async Task<ProductDto> ToDto(Product p, CancellationToken ct)
    {
        var category = p.CategoryId is { } c
            ? await db.Set<ProductCategory>().AsNoTracking().Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return ToDto(p, category);
    }

    public static ProductDto ToDto(Product p, string? categoryName) =>
        new(p.Id, p.Sku, p.Name, p.NameEn, p.CategoryId, categoryName, p.Unit, p.Specification, p.ListPrice, p.Cost, p.VatRatePercent, p.Active, p.Version);
}
