namespace Keqing.Modules.Customers;

/// <summary><c>Keqing:CompanyRegistry</c>: which business-registration provider answers lookups.</summary>
public sealed class CompanyRegistryOptions
{
    /// <summary><c>offline</c> (a local JSON file, the default) or <c>http</c> (a public API with a key).</summary>
    public string Provider { get; set; } = "offline";
    /// <summary>The offline provider's file; relative paths are under the app's folder.</summary>
    public string File { get; set; } = "SampleData/company-registry.json";
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The search request's path and query; <c>{name}</c> is the URL-encoded company name.</summary>
    public string SearchPath { get; set; } = "search?name={name}";
    /// <summary>The header that carries the key, and what precedes the key in it (Aliyun market style: <c>APPCODE </c>).</summary>
    public string KeyHeader { get; set; } = "Authorization";
    public string KeyPrefix { get; set; } = "APPCODE ";
    /// <summary>Dotted path to the result array in the answer (empty: the answer is the array).</summary>
    public string ItemsPath { get; set; } = "data.items";
    /// <summary>The answer's field names for each part of a <see cref="Contracts.CompanyRecord"/>.</summary>
    public CompanyFieldNames Fields { get; set; } = new();
}

/// <summary>The JSON field names an HTTP registry uses.</summary>
public sealed class CompanyFieldNames
{
    public string Name { get; set; } = "name";
    public string CreditCode { get; set; } = "creditCode";
    public string LegalRepresentative { get; set; } = "legalPerson";
    public string Address { get; set; } = "address";
    public string Status { get; set; } = "status";
}
