namespace Keqing.Modules.Customers.Contracts;

/// <summary>What the Customers module lets a role do (granted in <see cref="CustomersModule"/>'s manifest).</summary>
public static class CustomersCapabilities
{
    public const string ManageCustomFields = "customers.custom-fields.manage";
    public const string ScanDuplicates = "customers.duplicates.scan";
    public const string Grade = "customers.grade";
    public const string Reassign = "customers.reassign";
    /// <summary>Find any customer by its full phone number, email or name, and open it read-only (a caller on the line; ADR 0070).</summary>
    public const string LookUp = "customers.look-up";
    /// <summary>Read the customers one may market to: a lawful basis and a current marketing consent (ADR 0070).</summary>
    public const string ReadMarketable = "customers.read-marketable";
    /// <summary>Read the whole archive, read-only, with personal fields masked by the privacy grants (ADR 0070).</summary>
    public const string ReadArchive = "customers.read-archive";
}
