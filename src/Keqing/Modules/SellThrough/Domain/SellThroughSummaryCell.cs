namespace Keqing.Modules.SellThrough.Domain;

/// <summary>
/// One cell of a month's heat map kept ready (<see cref="Features.SellThroughSummary"/>): the sums over one
/// distributor × product category of the products reported in the month. Derived from the rows, never edited.
/// </summary>
public sealed class SellThroughSummaryCell
{
    /// <summary>Stands for "no category" in the key (products without one, or not in the catalogue).</summary>
    public static readonly Guid NoCategory = Guid.Empty;

    /// <summary>The month as yyyymm.</summary>
    public int Month { get; set; }
    public Guid DistributorId { get; set; }
    /// <summary>The product category, or <see cref="NoCategory"/>.</summary>
    public Guid CategoryId { get; set; }
    /// <summary>Σ closing stock of the month.</summary>
    public long Closing { get; set; }
    /// <summary>Σ each product's average monthly sales over its reported months among the month and the two before, × 6 (exact).</summary>
    public long AverageSalesTimesSix { get; set; }
    public int Products { get; set; }
}
