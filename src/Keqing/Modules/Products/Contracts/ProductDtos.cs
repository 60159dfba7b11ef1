using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Products.Contracts;

/// <summary>A product to create or change; every field is checked and reported at once (400 with field errors).</summary>
public sealed record ProductInput(string? Sku, string? Name, string? NameEn, Guid? CategoryId, string? Unit, string? Specification,
    Money? ListPrice, Money? Cost, decimal? VatRatePercent, bool Active = true);

/// <summary>A product as the API shows it.</summary>
public sealed record ProductDto(Guid Id, string Sku, string Name, string? NameEn, Guid? CategoryId, string? CategoryName, string Unit,
    string? Specification, Money ListPrice, Money Cost, decimal VatRatePercent, bool Active, long Version);

/// <summary>A category to create or change; <c>parentId</c> null puts it at the top of the tree.</summary>
public sealed record CategoryInput(string? Name, string? NameEn, Guid? ParentId, int? Order);

/// <summary>A node of the category tree, with how many products and subcategories it has.</summary>
public sealed record CategoryDto(Guid Id, Guid? ParentId, string Name, string? NameEn, int Order, int Products, int Children);

/// <summary>A price group to create or rename.</summary>
public sealed record PriceGroupInput(string? Name);

/// <summary>A price group with how many customers are in it.</summary>
public sealed record PriceGroupDto(Guid Id, string Name, int Members);

/// <summary>The customers of a price group (a customer moves here from any group it was in).</summary>
public sealed record PriceGroupMembersInput(List<Guid>? CustomerIds);

/// <summary>A customer of a price group.</summary>
public sealed record PriceGroupMemberDto(Guid CustomerId, string Name);

/// <summary>One tier of a product's price on a list: from <c>minQuantity</c> on, this unit price excluding VAT.</summary>
public sealed record PriceListItemInput(Guid? ProductId, int? MinQuantity, Money? UnitPrice);

/// <summary>
/// A price list as one document: a PUT replaces its fields and all its items. Scope standard has neither group nor
/// customer, scope group names <c>priceGroupId</c>, scope customer names <c>customerId</c>.
/// </summary>
public sealed record PriceListInput(string? Name, PriceListScope? Scope, Guid? PriceGroupId, Guid? CustomerId, string? Currency,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool Active = true, List<PriceListItemInput>? Items = null);

/// <summary>A tier on a list, with the product's SKU, name and unit.</summary>
public sealed record PriceListItemDto(Guid ProductId, string Sku, string ProductName, string Unit, int MinQuantity, Money UnitPrice);

/// <summary>A price list with its items (by SKU, then tier).</summary>
public sealed record PriceListDto(Guid Id, string Name, PriceListScope Scope, Guid? PriceGroupId, string? PriceGroupName, Guid? CustomerId,
    string? CustomerName, string Currency, DateOnly? ValidFrom, DateOnly? ValidTo, bool Active, long Version, IReadOnlyList<PriceListItemDto> Items);

/// <summary>A price list in the list of lists, with how many tiers it has.</summary>
public sealed record PriceListSummaryDto(Guid Id, string Name, PriceListScope Scope, Guid? PriceGroupId, string? PriceGroupName, Guid? CustomerId,
    string? CustomerName, string Currency, DateOnly? ValidFrom, DateOnly? ValidTo, bool Active, int Items);

/// <summary>What <c>GET /api/prices/resolve</c> answers: the price (null when none applies) and the customer's price group.</summary>
public sealed record PriceResolution(Guid CustomerId, Guid ProductId, DateOnly Date, int Quantity, ResolvedPrice? Price,
    Guid? PriceGroupId, string? PriceGroupName);
