using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Products.Contracts;

namespace Keqing.Modules.Products.Domain;

/// <summary>
/// A group of customers that share prices (一级经销商, 二级经销商, 医院, 零售). A customer is in at most one group
/// (<see cref="PriceGroupMember"/>).
/// </summary>
[RecordType("products.price-group")]
public sealed class PriceGroup : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Name { get; set; } = "";
}

/// <summary>A customer's price group: one row per customer that has one.</summary>
public sealed class PriceGroupMember
{
    public Guid CustomerId { get; set; }
    public Guid PriceGroupId { get; set; }
}

/// <summary>
/// Prices for the standard list, one price group or one customer, in one currency, valid between two dates
/// (inclusive, either open). Which list's price applies is <see cref="Features.PriceResolver"/>'s documented precedence.
/// </summary>
[RecordType("products.price-list")]
public sealed class PriceList : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>Shown on a quote line as where its price came from ("一级经销商 2026 价格表").</summary>
    public string Name { get; set; } = "";
    public PriceListScope Scope { get; set; }
    /// <summary>Set when <see cref="Scope"/> is <see cref="PriceListScope.Group"/>.</summary>
    public Guid? PriceGroupId { get; set; }
    /// <summary>Set when <see cref="Scope"/> is <see cref="PriceListScope.Customer"/>.</summary>
    public Guid? CustomerId { get; set; }
    public string Currency { get; set; } = Keqing.Infrastructure.Money.Currencies.Default;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// One product's price on a list from a quantity on (a tier): the tier with the largest <see cref="MinQuantity"/> not
/// above the quantity applies.
/// </summary>
public sealed class PriceListItem
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid PriceListId { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>The tier's first quantity, 1 or more.</summary>
    public int MinQuantity { get; set; } = 1;
    /// <summary>The unit price excluding VAT, in the list's currency.</summary>
    public Keqing.Infrastructure.Money.Money UnitPrice { get; set; }
}
