namespace Keqing.Modules.Customers.Contracts;

/// <summary>The record type keys of the Customers module (shares, audit, access log, merge steps).</summary>
public static class CustomersRecordTypes
{
    public const string Customer = "customers.customer";
    public const string Contact = "customers.contact";
    public const string CustomField = "customers.custom-field";
}
