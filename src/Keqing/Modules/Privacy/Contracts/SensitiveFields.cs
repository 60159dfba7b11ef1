namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// The category of every built-in personal field (DOMAIN P1, A3), by entity type and property name. A customer's phones,
/// emails and address are personal data only when the customer is a person; an organisation's switchboard, office
/// address and general mailbox are not (docs/privacy.md).
/// </summary>
public static class SensitiveFields
{
    public static readonly IReadOnlyDictionary<string, Sensitivity> PersonCustomer = new Dictionary<string, Sensitivity>(StringComparer.OrdinalIgnoreCase)
    {
        ["Phones"] = Sensitivity.Contact,
        ["Emails"] = Sensitivity.Contact,
        ["Address"] = Sensitivity.Contact,
    };

    public static readonly IReadOnlyDictionary<string, Sensitivity> Contact = new Dictionary<string, Sensitivity>(StringComparer.OrdinalIgnoreCase)
    {
        ["Phones"] = Sensitivity.Contact,
        ["Emails"] = Sensitivity.Contact,
        ["Birthday"] = Sensitivity.Private,
        ["Hobbies"] = Sensitivity.Private,
        ["Notes"] = Sensitivity.Private,
        ["Family"] = Sensitivity.Family,
    };

    /// <summary>
    /// The category of a field of an audited entity as the audit trail shows it; a customer's contact points count as
    /// personal whatever its kind (the trail outlives a change of kind). Custom fields are looked up by their key.
    /// </summary>
    public static Sensitivity OfAuditedField(string entityType, string field) => entityType switch
    {
        "Customer" => PersonCustomer.GetValueOrDefault(field),
        "Contact" => Contact.GetValueOrDefault(field),
        _ => Sensitivity.None,
    };
}
