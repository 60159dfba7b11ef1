using Microsoft.Extensions.Caching.Memory;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Applies the caller's privacy grants (DOMAIN P1) to customers and contacts on their way out (API, UI, export) and on
/// their way back in: a field the caller may not see reads <c>***</c>, cannot be searched, and is kept as stored when
/// the caller saves the record. Views of sensitive values go to the access log.
/// </summary>
public sealed class CustomerPrivacy(KeqingDb db, IPrivacyGrants grants, IPersonalDataMasker masker, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    private IReadOnlyDictionary<string, Sensitivity>? customFields;

    private const string CategoriesKey = "customers:custom-field-categories";

    /// <summary>The category of each custom field that has one (read at most every few seconds per node, like the grants).</summary>
    public async Task<IReadOnlyDictionary<string, Sensitivity>> CustomFieldCategories(CancellationToken ct) =>
        customFields ??= await cache.GetOrCreateAsync(CategoriesKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = IPrivacyGrants.SettingsLifetime;
            return (IReadOnlyDictionary<string, Sensitivity>)await db.Set<CustomFieldDefinition>().AsNoTracking().TagWith(IPrivacyGrants.QueryTag)
                .Where(d => d.Sensitivity != Sensitivity.None).ToDictionaryAsync(d => d.Key, d => d.Sensitivity, StringComparer.Ordinal, ct);
        }) ?? new Dictionary<string, Sensitivity>();

    /// <summary>Drops this node's copy of the custom fields' categories (after a field changed).</summary>
    public static void CustomFieldsChanged(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) => cache.Remove(CategoriesKey);

    public async Task<CustomerDto> Protect(CustomerDto customer, bool log, CancellationToken ct) =>
        (await Protect([customer], log, ct))[0];

    public async Task<IReadOnlyList<CustomerDto>> Protect(IReadOnlyList<CustomerDto> customers, bool log, CancellationToken ct)
    {
        var categories = await CustomFieldCategories(ct);
        // A customer's own fields are contact details or custom fields; no reveal matters unless one of those categories is at reveal level.
        var viewer = await grants.For(customers.Select(c => c.Id), ct, [Sensitivity.Contact, .. categories.Values]);
        var masked = customers.Select(c => CustomerMasking.Mask(c, viewer, categories)).ToList();
        if (log) await grants.LogViews(CustomersRecordTypes.Customer, masked.Select(m => (m.Dto.Id, m.Shown)), ct);
        return masked.Select(m => m.Dto).ToList();
    }

    public async Task<ContactDto> Protect(ContactDto contact, bool log, CancellationToken ct) =>
        (await Protect([contact], log, ct))[0];

    public Task<IReadOnlyList<ContactDto>> Protect(IReadOnlyList<ContactDto> contacts, bool log, CancellationToken ct) =>
        masker.Mask(CustomersRecordTypes.Contact, contacts, c => c.Id, ct, log);

    /// <summary>The contacts a search matched, masked like contacts.</summary>
    public Task<IReadOnlyList<ContactMatchDto>> Protect(IReadOnlyList<ContactMatchDto> matches, bool log, CancellationToken ct) =>
        masker.Mask(CustomersRecordTypes.Contact, matches, m => m.Id, ct, log);

    /// <summary>Whether the caller may search persons by phone and email (their role sees the contact category).</summary>
    public async Task<bool> MaySearchContactPoints(CancellationToken ct) =>
        (await grants.Levels(ct))[Sensitivity.Contact] == GrantLevel.See;

    /// <summary>
    /// The input with every field the caller may not see on this stored customer replaced by its stored value, so a
    /// form that showed <c>***</c> never overwrites (or wipes) what it could not see.
    /// </summary>
    public async Task<CustomerInput> KeepHidden(Customer stored, CustomerInput input, CancellationToken ct)
    {
        var viewer = await grants.For([stored.Id], ct);
        if (stored.Kind == CustomerKind.Person && !viewer.Sees(Sensitivity.Contact, stored.Id))
            input = input with { Phones = stored.Phones, Emails = stored.Emails, Address = stored.Address };
        var hidden = (await CustomFieldCategories(ct)).Where(f => !viewer.Sees(f.Value, stored.Id)).Select(f => f.Key).ToList();
        if (hidden.Count == 0) return input;
        var old = CustomFieldValues.Read(stored.CustomFields);
        var values = new Dictionary<string, JsonElement>(input.CustomFields ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        foreach (var key in hidden)
        {
            values.Remove(key);
            if (old.TryGetValue(key, out var value)) values[key] = value;
        }
        return input with { CustomFields = values };
    }

    /// <summary>The contact input with every field the caller may not see replaced by its stored value.</summary>
    public async Task<ContactInput> KeepHidden(Contact stored, ContactInput input, CancellationToken ct)
    {
        var viewer = await grants.For([stored.Id], ct);
        bool Hidden(string field) => !viewer.Sees(PersonalFields.CategoryOfJson(typeof(ContactDto), field), stored.Id);
        return input with
        {
            Phones = Hidden("phones") ? stored.Phones : input.Phones,
            Emails = Hidden("emails") ? stored.Emails : input.Emails,
            Birthday = Hidden("birthday") ? stored.Birthday : input.Birthday,
            Hobbies = Hidden("hobbies") ? stored.Hobbies : input.Hobbies,
            Notes = Hidden("notes") ? stored.Notes : input.Notes,
            Family = Hidden("family") ? stored.Family : input.Family,
        };
    }
}
