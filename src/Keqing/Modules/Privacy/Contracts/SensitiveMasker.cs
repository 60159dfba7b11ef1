using System.Text.Json;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Masks what a viewer may not see in the customer archive's DTOs (DOMAIN P1), one function for every way out: API,
/// UI, export. A masked value reads <c>***</c> (a masked birthday is null) and its field is named in <c>masked</c>;
/// <c>shown</c> names the sensitive fields left visible, for the access log.
/// </summary>
public static class SensitiveMasker
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
        var person = c.Kind == CustomerKind.Person;
        var contact = person ? Sensitivity.Contact : Sensitivity.None;
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
            Phones = Hide("phones", contact, c.Phones.Count > 0) ? MaskList(c.Phones) : c.Phones,
            Emails = Hide("emails", contact, c.Emails.Count > 0) ? MaskList(c.Emails) : c.Emails,
            Address = Hide("address", contact, c.Address is not null) ? MaskText(c.Address) : c.Address,
            CustomFields = maskedValues ?? values,
        };
        return (dto with { Masked = masked }, shown);
    }

    public static (ContactDto Dto, IReadOnlyList<string> Shown) Mask(ContactDto c, ViewerAccess viewer)
    {
        var masked = new List<string>();
        var shown = new List<string>();
        bool Hide(string field, bool hasValue)
        {
            var s = SensitiveFields.Contact[field];
            if (viewer.Sees(s, c.Id))
            {
                if (hasValue && Masked.IsLoggedOnView(s)) shown.Add(field);
                return false;
            }
            masked.Add(field);
            return true;
        }
        var dto = c with
        {
            Phones = Hide("phones", c.Phones.Count > 0) ? MaskList(c.Phones) : c.Phones,
            Emails = Hide("emails", c.Emails.Count > 0) ? MaskList(c.Emails) : c.Emails,
            Birthday = Hide("birthday", c.Birthday is not null) ? null : c.Birthday,
            Hobbies = Hide("hobbies", c.Hobbies is not null) ? MaskText(c.Hobbies) : c.Hobbies,
            Notes = Hide("notes", c.Notes is not null) ? MaskText(c.Notes) : c.Notes,
            Family = Hide("family", c.Family is not null) ? MaskText(c.Family) : c.Family,
        };
        return (dto with { Masked = masked }, shown);
    }

    /// <summary>
    /// The changes of an audit entry with the values of fields the viewer may not see masked (custom fields inside the
    /// <c>CustomFields</c> JSON key by key), so the audit trail is no way around masking.
    /// </summary>
    public static IReadOnlyList<Infrastructure.Audit.AuditFieldChange> MaskAudit(string entityType, Guid entityId,
        IReadOnlyList<Infrastructure.Audit.AuditFieldChange> changes, ViewerAccess viewer, IReadOnlyDictionary<string, Sensitivity> customFields)
    {
        return changes.Select(change =>
        {
            if (entityType == "Customer" && change.Field == "CustomFields")
                return change with { Old = MaskJson(change.Old), New = MaskJson(change.New) };
            var s = SensitiveFields.OfAuditedField(entityType, change.Field);
            return s == Sensitivity.None || viewer.Sees(s, entityId) ? change : change with { Old = MaskText(change.Old), New = MaskText(change.New) };
        }).ToList();

        string? MaskJson(string? json)
        {
            if (json is null || customFields.Count == 0) return json;
            try
            {
                var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
                if (values is null) return json;
                foreach (var key in values.Keys.ToList())
                    if (customFields.TryGetValue(key, out var s) && !viewer.Sees(s, entityId)) values[key] = MaskedJson;
                return JsonSerializer.Serialize(values);
            }
            catch (JsonException)
            {
                return Masked.Text;
            }
        }
    }

    /// <summary>A masked JSON value of an audited field (old or new), so the audit trail leaks nothing either.</summary>
    public static string? MaskText(string? value) => value is null ? null : Masked.Text;

    private static IReadOnlyList<string> MaskList(IReadOnlyList<string> values) => values.Count == 0 ? values : MaskedList;
}
