using System.Text.Json.Serialization;

namespace Keqing.Modules.SellThrough.Contracts;

/// <summary>What the SellThrough module lets a role do (granted in <see cref="SellThroughModule"/>'s manifest).</summary>
public static class SellThroughCapabilities
{
    /// <summary>Enter, import and send distributors' monthly reports; read trends and alerts of the distributors one may see.</summary>
    public const string Report = "sellthrough.report";
    /// <summary>Read the manufacturer-wide heat map and every distributor's trend (managers, analysts).</summary>
    public const string Analyse = "sellthrough.analyse";
    /// <summary>Set alert limits (months of stock, reporting day).</summary>
    public const string ManageSettings = "sellthrough.settings.manage";
}

/// <summary>How a row came in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SellThroughSource>))]
public enum SellThroughSource
{
    [JsonStringEnumMemberName("form")] Form = 1,
    [JsonStringEnumMemberName("import")] Import = 2,
    [JsonStringEnumMemberName("api")] Api = 3,
}
