namespace Keqing.Modules.Customers.Contracts;

/// <summary>What the Customers module lets a role do (granted in <see cref="CustomersModule"/>'s manifest).</summary>
public static class CustomersCapabilities
{
    public const string ManageCustomFields = "customers.custom-fields.manage";
    public const string ScanDuplicates = "customers.duplicates.scan";
    public const string Grade = "customers.grade";
    public const string Reassign = "customers.reassign";
}
