namespace Keqing.Modules.SellThrough.Domain;

/// <summary>
/// A distributor's month whose heat-map cells (<see cref="SellThroughSummaryCell"/>) are still to be recomputed: an
/// import marks the months it writes, in each batch's transaction, and recomputes them all once at its end
/// (<see cref="Features.SellThroughSummary.RefreshPending"/>) rather than batch by batch. A mark left by an import that
/// stopped is taken up by the next heat map read or import.
/// </summary>
public sealed class SellThroughSummaryPending
{
    public Guid DistributorId { get; set; }
    /// <summary>The month reported, as yyyymm (the refresh also recomputes the two months after, whose averages read it).</summary>
    public int Month { get; set; }
    public DateTime MarkedAt { get; set; }
}
