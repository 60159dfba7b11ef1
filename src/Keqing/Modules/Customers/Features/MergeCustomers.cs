using System.Text.Json;
using System.Text.Json.Nodes;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Merges customers into a survivor (DOMAIN A6), in one transaction: the survivor takes the chosen field values (its own
/// where none is chosen, or the first other's where its own is empty) and the union of phones, emails, tags and aliases (the merged names become aliases); contacts,
/// shares and whatever other modules' <see cref="Infrastructure.Records.IMergeStep"/>s hold move to it; the merged customers are
/// archived with <see cref="Customer.MergedIntoId"/> so their audit trail shows under the survivor's; and a Merged audit
/// entry says which customers went in, which field came from which, and what moved. Needs write access to every
/// customer and If-Match on the survivor.
/// </summary>
public sealed class MergeCustomers(
    KeqingDb db, IRecordAccess access, IEnumerable<Infrastructure.Records.IMergeStep> steps, CurrentUser currentUser, CustomerPrivacy privacy, TimeProvider clock,
    Infrastructure.Events.DomainEvents events)
{
    public const int MaxOthers = 10;

    /// <summary>The fields a merge can take from another customer; custom fields as <c>customFields.&lt;key&gt;</c>.</summary>
    public static readonly string[] Fields =
        ["kind", "name", "industry", "province", "city", "address", "website", "source", "creditCode", "legalRepresentative", "ownerId", "grade"];

    public async Task<MergeResult> Handle(Guid survivorId, long expectedVersion, MergeRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var otherIds = request.OtherIds?.Distinct().ToList() ?? [];
        if (otherIds.Count == 0) errors.Add("otherIds", FieldErrors.Text("Name at least one customer to merge into this one."));
        if (otherIds.Count > MaxOthers) errors.Add("otherIds", FieldErrors.Text("At most {0} customers per merge.", MaxOthers));
        if (otherIds.Contains(survivorId)) errors.Add("otherIds", FieldErrors.Text("A customer cannot be merged into itself."));
        var choices = request.Fields ?? new Dictionary<string, Guid>();
        foreach (var (field, source) in choices)
        {
            if (!Fields.Contains(field) && !(field.StartsWith("customFields.", StringComparison.Ordinal) && field.Length > 13))
                errors.Add($"fields.{field}", FieldErrors.Text("'{0}' is not a field a merge can choose.", field));
            else if (source != survivorId && !otherIds.Contains(source))
                errors.Add($"fields.{field}", FieldErrors.Text("Choose the value of one of the customers being merged."));
            // No mass assignment through a merge: choosing another's grade or owner needs the same right as setting it.
            else if (source != survivorId && field == "grade" && !currentUser.Can(CustomersCapabilities.Grade))
                errors.Add("fields.grade", FieldErrors.Text("Only a manager, an analyst or an admin can set a customer's grade."));
            else if (source != survivorId && field == "ownerId" && !currentUser.Can(CustomersCapabilities.Reassign))
                errors.Add("fields.ownerId", FieldErrors.Text("Only an admin, or the manager of the owner's team, can give a customer to someone else."));
        }
        errors.ThrowIfAny();

        var survivor = await access.FindVisible(db.Set<Customer>(), survivorId, ct);
        await access.EnsureCanWrite(survivor, ct);
        if (survivor.ArchivedAt is not null) throw new ConflictException("This customer is archived; restore it before merging into it.");
        Preconditions.ExpectVersion(db, survivor, expectedVersion);
        var others = new List<Customer>();
        foreach (var id in otherIds)
        {
            var other = await access.FindVisible(db.Set<Customer>(), id, ct);
            await access.EnsureCanWrite(other, ct);
            if (other.ArchivedAt is not null) throw new ConflictException($"{other.Name} is archived or merged already.");
            others.Add(other);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var byId = others.Append(survivor).ToDictionary(c => c.Id);
        var nameBefore = survivor.Name;
        var gradeBefore = survivor.Grade;
        MergeLists(survivor, others);
        MergeCustomFields(survivor, others);
        var filled = FillGaps(survivor, others, choices);
        foreach (var (field, source) in choices.Where(c => c.Value != survivorId).OrderBy(c => c.Key, StringComparer.Ordinal))
            Take(survivor, byId[source], field);
        // A survivor renamed keeps its old name as its first alias, within the list's limit.
        if (survivor.Name != nameBefore && !survivor.Aliases.Contains(nameBefore)) survivor.Aliases.Insert(0, nameBefore);
        survivor.Aliases.Remove(survivor.Name);
        survivor.Aliases = [.. survivor.Aliases.Take(CustomerEditor.MaxListItems)];
        survivor.UpdatedAt = now;
        CustomerSearch.Index(survivor);
        await AddLookups(survivor, ct);

        var mergedIds = others.Select(o => o.Id).ToList();
        foreach (var other in others)
        {
            other.ArchivedAt = other.UpdatedAt = now;
            other.MergedIntoId = survivor.Id;
        }
        var moved = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var contacts = await db.Set<Contact>().Where(c => mergedIds.Contains(c.CustomerId)).ToListAsync(ct);
        foreach (var contact in contacts)
        {
            contact.CustomerId = survivor.Id;
            contact.UpdatedAt = now;
        }
        moved["contacts"] = contacts.Count;
        await db.Set<ContactLookup>().Where(l => mergedIds.Contains(l.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CustomerId, survivor.Id), ct);
        moved["shares"] = await access.MoveShares<Customer>(mergedIds, survivor.Id, ct);
        foreach (var step in steps.Where(s => s.RecordType == CustomersRecordTypes.Customer))
            foreach (var (what, count) in await step.Merge(survivor.Id, mergedIds, ct))
                moved[what] = moved.GetValueOrDefault(what) + count;
        await SettlePairs(survivor.Id, mergedIds, now, ct);
        // The survivor's grade changed, or cases came from a customer of another grade: their SLA clocks are re-targeted.
        if (survivor.Grade != gradeBefore || others.Any(o => o.Grade != survivor.Grade))
            events.Raise(new CustomerGradeChanged(survivor.Id, gradeBefore, survivor.Grade));

        db.Add(new AuditEntry
        {
            EntityType = CustomersRecordTypes.Customer, EntityId = survivor.Id, Action = AuditAction.Merged, UserId = currentUser.UserId, At = now,
            Changes = JsonSerializer.Serialize(Explain(survivor, others, choices, filled, moved), JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The merged-away records' new row versions went into the search indexes' pending lists.
        await CustomerSearchIndexes.MergePendingLists(db, ct);
        return new MergeResult(await privacy.Protect(survivor.ToDto(), log: true, ct), mergedIds, moved);
    }

    /// <summary>The merge's own audit entry: what went in, where each chosen field came from, what moved.</summary>
    private static List<AuditFieldChange> Explain(Customer survivor, List<Customer> others, IReadOnlyDictionary<string, Guid> choices,
        IReadOnlyDictionary<string, Guid> filled, IReadOnlyDictionary<string, int> moved)
    {
        var names = others.Append(survivor).ToDictionary(c => c.Id, c => c.Name);
        var changes = new List<AuditFieldChange>
        {
            new("mergedFrom", null, string.Join("; ", others.Select(o => $"{o.Name} ({o.Id})"))),
        };
        foreach (var (field, source) in choices.OrderBy(c => c.Key, StringComparer.Ordinal))
            changes.Add(new AuditFieldChange($"field:{field}", null, source == survivor.Id ? $"kept ({survivor.Id})" : $"from {names[source]} ({source})"));
        foreach (var (field, source) in filled.OrderBy(c => c.Key, StringComparer.Ordinal))
            changes.Add(new AuditFieldChange($"field:{field}", null, $"empty, filled from {names[source]} ({source})"));
        changes.Add(new AuditFieldChange("lists", null, "phones, emails, tags and aliases: union of all"));
        foreach (var (what, count) in moved) changes.Add(new AuditFieldChange($"moved:{what}", null, count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return changes;
    }

    /// <summary>Fields not chosen that the survivor has empty take the first other customer's value, so nothing is lost.</summary>
    private static Dictionary<string, Guid> FillGaps(Customer survivor, List<Customer> others, IReadOnlyDictionary<string, Guid> choices)
    {
        var filled = new Dictionary<string, Guid>();
        // The external id is filled but never offered as a choice: the survivor keeps its own, and a merged record's
        // id leads an import to the survivor by the merge chain, so no source record is left without its customer.
        foreach (var field in new[] { "industry", "province", "city", "address", "website", "source", "creditCode", "legalRepresentative", "externalId", "grade" })
        {
            if (choices.ContainsKey(field) || !IsEmpty(survivor, field)) continue;
            if (others.FirstOrDefault(o => !IsEmpty(o, field)) is not { } source) continue;
            Take(survivor, source, field);
            filled[field] = source.Id;
        }
        return filled;
    }

    private static bool IsEmpty(Customer c, string field) => field switch
    {
        "industry" => c.Industry is null,
        "province" => c.Province is null,
        "city" => c.City is null,
        "address" => c.Address is null,
        "website" => c.Website is null,
        "source" => c.Source is null,
        "creditCode" => c.CreditCode is null,
        "legalRepresentative" => c.LegalRepresentative is null,
        "externalId" => c.ExternalId is null,
        _ => c.Grade is null,
    };

    private static void MergeLists(Customer survivor, List<Customer> others)
    {
        // The survivor's own entries first, then the others' in order, up to what a customer may hold (the merged
        // records keep theirs, archived, and the audit trail names what the survivor took).
        static List<string> Union(IEnumerable<string> items, Func<string, string?> key)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return items.Where(i => seen.Add(key(i) ?? i)).Take(CustomerEditor.MaxListItems).ToList();
        }
        survivor.Phones = Union(survivor.Phones.Concat(others.SelectMany(o => o.Phones)), ContactPoints.NormalizePhone);
        survivor.Emails = Union(survivor.Emails.Concat(others.SelectMany(o => o.Emails)), ContactPoints.NormalizeEmail);
        survivor.Tags = Union(survivor.Tags.Concat(others.SelectMany(o => o.Tags)), t => t.Trim().ToLowerInvariant());
        survivor.Aliases = Union(survivor.Aliases.Concat(others.SelectMany(o => o.Aliases.Prepend(o.Name))), a => a);
    }

    /// <summary>Custom field values the survivor lacks are filled from the others, in the order given.</summary>
    private static void MergeCustomFields(Customer survivor, List<Customer> others)
    {
        var values = JsonNode.Parse(survivor.CustomFields)?.AsObject() ?? [];
        foreach (var other in others)
            foreach (var (key, value) in JsonNode.Parse(other.CustomFields)?.AsObject() ?? [])
                if (!values.ContainsKey(key) && value is not null) values[key] = value.DeepClone();
        survivor.CustomFields = values.ToJsonString();
    }

    private static void Take(Customer to, Customer from, string field)
    {
        switch (field)
        {
            case "kind": to.Kind = from.Kind; break;
            case "name": to.Name = from.Name; break;
            case "industry": to.Industry = from.Industry; break;
            case "province": to.Province = from.Province; break;
            case "city": to.City = from.City; break;
            case "address": to.Address = from.Address; break;
            case "website": to.Website = from.Website; break;
            case "source": to.Source = from.Source; break;
            case "creditCode": to.CreditCode = from.CreditCode; break;
            case "legalRepresentative": to.LegalRepresentative = from.LegalRepresentative; break;
            case "externalId": to.ExternalId = from.ExternalId; break;
            case "grade": to.Grade = from.Grade; break;
            case "ownerId": (to.OwnerId, to.TeamId) = (from.OwnerId, from.TeamId); break;
            default:
                var key = field["customFields.".Length..];
                var values = JsonNode.Parse(to.CustomFields)?.AsObject() ?? [];
                var source = JsonNode.Parse(from.CustomFields)?.AsObject() ?? [];
                if (source[key] is { } value) values[key] = value.DeepClone();
                else values.Remove(key);
                to.CustomFields = values.ToJsonString();
                break;
        }
    }

    private async Task AddLookups(Customer survivor, CancellationToken ct)
    {
        var existing = (await db.Set<CustomerLookup>().Where(l => l.CustomerId == survivor.Id).Select(l => new { l.Kind, l.Value }).ToListAsync(ct))
            .Select(l => (l.Kind, l.Value)).ToHashSet();
        foreach (var (kind, value) in CustomerSearch.Lookups(survivor).Distinct().Where(l => !existing.Contains(l)))
            db.Add(new CustomerLookup { Kind = kind, Value = value, CustomerId = survivor.Id });
    }

    /// <summary>Pairs among the merged customers are settled as merged; other open pairs of a merged customer go (a scan re-finds them against the survivor).</summary>
    private async Task SettlePairs(Guid survivorId, List<Guid> mergedIds, DateTime now, CancellationToken ct)
    {
        var all = mergedIds.Append(survivorId).ToList();
        var me = currentUser.UserId;
        await db.Set<DuplicateCandidate>().Where(d => all.Contains(d.CustomerAId) && all.Contains(d.CustomerBId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DuplicateStatus.Merged).SetProperty(d => d.DecidedAt, now)
                .SetProperty(d => d.DecidedBy, me), ct);
        await db.Set<DuplicateCandidate>().Where(d => d.Status == DuplicateStatus.Open
                                                      && (mergedIds.Contains(d.CustomerAId) || mergedIds.Contains(d.CustomerBId)))
            .ExecuteDeleteAsync(ct);
    }
}
