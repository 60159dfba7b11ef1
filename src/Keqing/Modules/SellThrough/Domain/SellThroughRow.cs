using Keqing.Infrastructure.Data;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.SellThrough.Domain;

/// <summary>
/// A distributor's monthly report for one product (进销存, DOMAIN S4): opening stock, purchases (进), sales (销) and
/// closing stock, in the product's unit. One row per distributor × product × month; a second report of the same
/// month replaces the first. Rows that do not add up are kept and flagged (<see cref="Balanced"/> false).
/// Designed for tens of millions of rows: narrow, no text.
/// </summary>
public sealed class SellThroughRow
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The distributor: a customer of the archive.</summary>
    public Guid DistributorId { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>The month as yyyymm (202612).</summary>
    public int Month { get; set; }
    public long Opening { get; set; }
    public long Purchases { get; set; }
    public long Sales { get; set; }
    public long Closing { get; set; }
    /// <summary>Opening + purchases − sales = closing.</summary>
    public bool Balanced { get; set; }
    public SellThroughSource Source { get; set; }
    public DateTime ReportedAt { get; set; }
    public Guid? ReportedBy { get; set; }
}
