using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.SellThrough.Domain;

/// <summary>
/// An alert the scan raised: at most one per distributor × product × month × kind (the unique index makes a second scan
/// a no-op). A distributor-wide alert (not reported) has <see cref="Guid.Empty"/> as its product, so the index holds.
/// </summary>
public sealed class SellThroughAlert
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid DistributorId { get; set; }
    /// <summary>The product; <see cref="Guid.Empty"/> for an alert about the whole distributor.</summary>
    public Guid ProductId { get; set; }
    /// <summary>The month the alert is about (yyyymm).</summary>
    public int Month { get; set; }
    public SellThroughAlertKind Kind { get; set; }
    /// <summary>Months of stock when raised (stock piling), null when endless or not relevant.</summary>
    public decimal? MonthsOfStock { get; set; }
    /// <summary>The distributor's owner when raised: the one told, and given the task.</summary>
    public Guid OwnerId { get; set; }
    public Guid? TaskId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The company's sell-through alert limits (one row; the defaults while there is none).</summary>
[RecordType("sellthrough.settings")]
public sealed class SellThroughSettings : IAudited, IVersioned
{
    public const decimal DefaultMonthsOfStockLimit = 3m;
    public const int DefaultReportingDay = 10;

    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>Months of stock above this raise a stock-piling alert.</summary>
    public decimal MonthsOfStockLimit { get; set; } = DefaultMonthsOfStockLimit;
    /// <summary>Last month's report is due by this day of the month (in the company's business calendar zone).</summary>
    public int ReportingDay { get; set; } = DefaultReportingDay;
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
