using System.Text.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Masks a customer for a viewer (DOMAIN P1). Its phones, emails and address are personal data only when the customer is
/// a person (an organisation's switchboard is not; docs/privacy.md), and its custom fields carry the category an admin
/// gave each, so customers are masked here rather than by their DTO's attributes alone. A masked value reads
/// <c>***</c> and its field is named in <c>masked</c>; <c>shown</c> names the sensitive fields left visible, for the access log.
/// </summary>
public static class CustomerMasking
{
    private static readonly JsonElement MaskedJson = JsonSerializer.SerializeToElement(Masked.Text);
    private static readonly IReadOnlyList<string> MaskedList = [Masked.Text];

    public static (CustomerDto Dto, IReadOnlyList<string> Shown) Mask(CustomerDto c, ViewerAccess viewer,
        IReadOnlyDictionary<string, Sensitivity> customFields)
    {
        var masked = new List<string>();
        var shown = new List<string>();
        bool Hide(string field, Sensitivity s, bool hasValue)
        {
            if (s == Sensitivity.None) return false;
            if (viewer.Sees(s, c.Id))
            {
                if (hasValue && Masked.IsLoggedOnView(s)) shown.Add(field);
                return false;
            }
            masked.Add(field);
            return true;
        }
        var contact = c.Kind == CustomerKind.Person ? Sensitivity.Contact : Sensitivity.None;
        var values = c.CustomFields;
        Dictionary<string, JsonElement>? maskedValues = null;
        foreach (var (key, s) in customFields)
        {
            // Only fields with a value: a record does not list every sensitive field defined for customers.
            if (!values.ContainsKey(key) || !Hide($"customFields.{key}", s, hasValue: true)) continue;
            maskedValues ??= new Dictionary<string, JsonElement>(values, StringComparer.Ordinal);
            maskedValues[key] = MaskedJson;
        }
        var dto = c with
        {
            Phones = Hide("phones", contact, c.Phones.Count > 0) && c.Phones.Count > 0 ? MaskedList : c.Phones,
            Emails = Hide("emails", contact, c.Emails.Count > 0) && c.Emails.Count > 0 ? MaskedList : c.Emails,
            Address = Hide("address", contact, c.Address is not null) && c.Address is not null ? Masked.Text : c.Address,
            CustomFields = maskedValues ?? values,
        };
        return (dto with { Masked = masked }, shown);
    }
}
