namespace Keqing.Modules.FieldWork.Contracts;

/// <summary>The capabilities of Field work (外勤); roles are assigned in the module's manifest.</summary>
public static class FieldWorkCapabilities
{
    /// <summary>Check in and out at customers, add notes and photos, find customers nearby, set a customer's location.</summary>
    public const string Visit = "field.visit";

    /// <summary>See the visits of a day of the teams one manages, on a list and a map.</summary>
    public const string TeamDay = "field.team-day";

    /// <summary>Be sent to customers' sites as a technician (上门服务): who may be chosen for a field dispatch.</summary>
    public const string Dispatchable = "field.dispatchable";

    /// <summary>Set the map tiles' address (off by default: no map, no outside call).</summary>
    public const string ManageSettings = "field.settings.manage";
}
