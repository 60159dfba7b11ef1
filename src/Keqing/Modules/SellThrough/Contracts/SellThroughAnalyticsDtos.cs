using System.Text.Json.Serialization;

namespace Keqing.Modules.SellThrough.Contracts;

/// <summary>Why a distributor (× product) needs a look.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SellThroughAlertKind>))]
public enum SellThroughAlertKind
{
    /// <summary>Sell-out fell three months in a row.</summary>
    [JsonStringEnumMemberName("falling-sales")] FallingSales = 1,
    /// <summary>Months of stock above the limit.</summary>
    [JsonStringEnumMemberName("stock-piling")] StockPiling = 2,
    /// <summary>The distributor has not reported last month by the reporting day.</summary>
    [JsonStringEnumMemberName("not-reported")] NotReported = 3,
}

/// <summary>One reported month of a distributor × product with its months of stock (null: endless or no figure) and flags.</summary>
public sealed record TrendMonthDto(string Month, long Opening, long Purchases, long Sales, long Closing, bool Balanced,
    decimal? MonthsOfStock, bool EndlessStock, bool FallingSales, bool AboveLimit);

/// <summary>The trend of one distributor × product: the reported months between from and to, oldest first.</summary>
public sealed record SellThroughTrendDto(Guid CustomerId, string Customer, Guid ProductId, string Product, string From, string To,
    decimal MonthsOfStockLimit, IReadOnlyList<TrendMonthDto> Months);

public sealed record NamedDto(Guid Id, string Name);

/// <summary>The colour of a heat-map cell: ok (≤ 1 month), watch (up to the limit), over (above it), none (no sales reported).</summary>
public static class StockLevels
{
    public const string Ok = "ok", Watch = "watch", Over = "over", None = "none";
}

/// <summary>One distributor × product category in a month: stock, months of stock and its level.</summary>
public sealed record HeatmapCellDto(Guid DistributorId, Guid? CategoryId, long Closing, decimal? MonthsOfStock, bool EndlessStock, string Level);

/// <summary>The month's heat map: months of stock by distributor × category (a null category: products without one).</summary>
public sealed record SellThroughHeatmapDto(string Month, decimal MonthsOfStockLimit, IReadOnlyList<NamedDto> Distributors,
    IReadOnlyList<NamedDto> Categories, IReadOnlyList<HeatmapCellDto> Cells);

/// <summary>An alert as the list shows it; the product is null for a distributor-wide alert (not reported).</summary>
public sealed record SellThroughAlertDto(Guid Id, SellThroughAlertKind Kind, Guid CustomerId, string Customer, Guid? ProductId,
    string? Product, string Month, decimal? MonthsOfStock, Guid OwnerId, Guid? TaskId, DateTime CreatedAt);

/// <summary>What a scan run now did: how many new alerts it raised (each with a task for the distributor's owner).</summary>
public sealed record SellThroughScanResult(int Raised);

/// <summary>The alert limits; <see cref="Version"/> is the ETag (0 while the defaults are in force).</summary>
public sealed record SellThroughSettingsDto(decimal MonthsOfStockLimit, int ReportingDay, long Version = 0);
