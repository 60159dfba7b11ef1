using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Validates a <see cref="CustomerInput"/> and applies it to a customer, keeping the search columns and the lookup
/// rows (phones, emails, tags) in step, in the caller's unit of work.
/// </summary>
public sealed class CustomerEditor(KeqingDb db, IRecordAccess access, CurrentUser currentUser, IUserDirectory directory, DomainEvents events)
{
    internal const int MaxListItems = 20;

    public async Task Apply(Customer customer, CustomerInput input, bool isNew, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Kind is null) errors.Add("kind", FieldErrors.Text("Choose organization or person."));
        errors.Required("name", input.Name).MaxLength("name", input.Name, 200);
        CheckList(errors, "aliases", input.Aliases, 200);
        errors.MaxLength("industry", input.Industry, 100).MaxLength("province", input.Province, 50).MaxLength("city", input.City, 50)
            .MaxLength("address", input.Address, 400).MaxLength("website", input.Website, 400).MaxLength("source", input.Source, 100)
            .MaxLength("legalRepresentative", input.LegalRepresentative, 100).MaxLength("externalId", input.ExternalId?.Trim(), 100);
        if (!string.IsNullOrWhiteSpace(input.CreditCode) && !CreditCode.IsValid(input.CreditCode.Trim().ToUpperInvariant()))
            errors.Add("creditCode", FieldErrors.Text("Not a valid unified social credit code (18 characters with a check digit)."));
        CheckList(errors, "phones", input.Phones, 40);
        foreach (var phone in input.Phones ?? [])
            if (!string.IsNullOrWhiteSpace(phone) && !PhoneNumbers.IsValid(phone)) errors.Add("phones", FieldErrors.Text(PhoneNumbers.Message, Short(phone)));
        CheckList(errors, "emails", input.Emails, 256);
        foreach (var email in input.Emails ?? [])
            if (!string.IsNullOrEmpty(email) && !FieldErrors.IsEmail(email.Trim())) errors.Add("emails", FieldErrors.Text("'{0}' is not an email address.", Short(email)));
        CheckList(errors, "tags", input.Tags, 50);
        if (input.LegalBasis is { } basis && !Enum.IsDefined(basis)) errors.Add("legalBasis", FieldErrors.Text("Unknown legal basis."));
        // Imports find a customer by its external id, so two live customers may not share one.
        if (Trim(input.ExternalId) is { Length: <= 100 } externalId && externalId != customer.ExternalId
            && await db.Set<Customer>().AnyAsync(c => c.ExternalId == externalId && c.ArchivedAt == null && c.Id != customer.Id, ct))
            errors.Add("externalId", FieldErrors.Text("Another customer already has the external ID {0}.", externalId));

        var definitions = await db.Set<CustomFieldDefinition>().AsNoTracking().OrderBy(d => d.Position).ToListAsync(ct);
        var customFields = CustomFieldValues.Validate(errors, input.CustomFields, definitions);

        var ownerId = input.OwnerId ?? (isNew ? currentUser.UserId : customer.OwnerId);
        var owner = await directory.Find(ownerId, ct);
        if (owner is null || !owner.IsActive) errors.Add("ownerId", FieldErrors.Text("The owner must be an active user."));
        else if (ownerId != customer.OwnerId && ownerId != currentUser.UserId && !await MayAssign(owner, ct))
            errors.Add("ownerId", FieldErrors.Text("Only an admin, or the manager of the owner's team, can give a customer to someone else."));
        // The owning team follows the owner; an admin's explicit team stays until the owner changes.
        Guid? teamId = !isNew && ownerId == customer.OwnerId ? customer.TeamId : owner?.TeamId;
        if (input.TeamId is { } requestedTeam && requestedTeam != teamId)
        {
            if ((await access.ScopeAsync(ct)).IsAdmin) teamId = requestedTeam;
            else errors.Add("teamId", FieldErrors.Text("The owning team follows the owner; only an admin can set another."));
        }
        // Mass assignment: the grade is a manager's or the value analysis's decision, not the rep's (400 on the field,
        // like ownerId and teamId above; unchanged values pass, so a rep can still save the form).
        if (input.Grade != (isNew ? null : customer.Grade) && !currentUser.Can(CustomersCapabilities.Grade))
            errors.Add("grade", FieldErrors.Text("Only a manager, an analyst or an admin can set a customer's grade."));
        errors.ThrowIfAny();

        customer.Kind = input.Kind!.Value;
        customer.Name = input.Name!.Trim();
        customer.Aliases = Clean(input.Aliases);
        customer.Industry = Trim(input.Industry);
        customer.Province = Trim(input.Province);
        customer.City = Trim(input.City);
        customer.Address = Trim(input.Address);
        customer.Phones = Clean(input.Phones);
        customer.Emails = Clean(input.Emails?.Select(e => e.Trim()));
        customer.Website = Trim(input.Website);
        customer.Source = Trim(input.Source);
        customer.LegalBasis = input.LegalBasis ?? (isNew ? LegalBasis.None : customer.LegalBasis);
        customer.CreditCode = Trim(input.CreditCode)?.ToUpperInvariant();
        customer.LegalRepresentative = Trim(input.LegalRepresentative);
        // Another system's number: left out of an update (null), it stays; an empty string clears it.
        if (input.ExternalId is not null || isNew) customer.ExternalId = Trim(input.ExternalId);
        customer.OwnerId = ownerId;
        customer.TeamId = teamId;
        if (!isNew && customer.Grade != input.Grade) events.Raise(new CustomerGradeChanged(customer.Id, customer.Grade, input.Grade));
        customer.Grade = input.Grade;
        customer.Tags = Clean(input.Tags);
        customer.CustomFields = customFields;
        CustomerSearch.Index(customer);
        await ReplaceLookups(customer, isNew, ct);
    }

    private async Task<bool> MayAssign(UserSummary owner, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        return scope.IsAdmin || (owner.TeamId is { } team && scope.ManagedTeamIds.Contains(team));
    }

    private async Task ReplaceLookups(Customer customer, bool isNew, CancellationToken ct)
    {
        var wanted = CustomerSearch.Lookups(customer).ToHashSet();
        var set = db.Set<CustomerLookup>();
        var existing = isNew ? [] : await set.Where(l => l.CustomerId == customer.Id).ToListAsync(ct);
        set.RemoveRange(existing.Where(l => !wanted.Contains((l.Kind, l.Value))));
        foreach (var (kind, value) in wanted.Where(w => !existing.Any(l => l.Kind == w.Kind && l.Value == w.Value)))
            set.Add(new CustomerLookup { Kind = kind, Value = value, CustomerId = customer.Id });
    }

    private static void CheckList(FieldErrors errors, string field, IReadOnlyList<string>? items, int maxLength)
    {
        if (items is null) return;
        if (items.Count > MaxListItems) errors.Add(field, FieldErrors.Text("At most {0} entries.", MaxListItems));
        if (items.Any(i => i is null)) errors.Add(field, FieldErrors.Text("Entries cannot be empty."));
        else if (items.Any(i => i.Length > maxLength)) errors.Add(field, FieldErrors.Text("Each entry is at most {0} characters.", maxLength));
    }

    private static List<string> Clean(IEnumerable<string>? items) =>
        items?.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().ToList() ?? [];

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Short(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
