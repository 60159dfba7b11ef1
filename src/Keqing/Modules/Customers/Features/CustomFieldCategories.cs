using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>The custom fields' categories, so the audit trail masks a customer's <c>CustomFields</c> key by key.</summary>
public sealed class CustomFieldCategories(CustomerPrivacy privacy) : IDynamicPersonalFields
{
    public string RecordType => CustomersRecordTypes.Customer;

    public string Property => "CustomFields";

    public Task<IReadOnlyDictionary<string, Sensitivity>> Categories(CancellationToken ct) => privacy.CustomFieldCategories(ct);
}
