using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;

namespace Keqing.Modules.Service.Features;

/// <summary>Changes a case's fields (If-Match); a new priority is raised as <see cref="CasePriorityChanged"/> (SLA targets follow it).</summary>
public sealed class UpdateCase(KeqingDb db, CaseAccess access, CreateCase rules, ICustomerDirectory customers, GetCase get,
    DomainEvents events, CaseSla sla, TimeProvider time)
{
    public async Task<CaseDto> Handle(Guid id, long expectedVersion, UpdateCaseRequest r, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        var errors = new FieldErrors();
        errors.Required("subject", r.Subject).MaxLength("subject", r.Subject, 200).MaxLength("description", r.Description, 10_000);
        if (r.Type is { } type && !Enum.IsDefined(type)) errors.Add("type", FieldErrors.Text("type is one of question, complaint, repair, request."));
        if (r.Priority is { } priority && !Enum.IsDefined(priority)) errors.Add("priority", FieldErrors.Text("priority is one of low, normal, high, urgent."));
        if (r.ContactId is { } contactId && contactId != c.ContactId && (await customers.ContactsOf(c.CustomerId, ct)).All(x => x.Id != contactId))
            errors.Add("contactId", FieldErrors.Text("Not a contact of this customer."));
        await rules.CheckProductAndCategory(r.ProductId == c.ProductId ? null : r.ProductId, r.CategoryId == c.CategoryId ? null : r.CategoryId, errors, ct);
        CreateCase.CheckLanguage(r.Language, errors);
        errors.ThrowIfAny();
        if (c.Status == CaseStatus.Closed) throw new ConflictException(FieldErrors.Text("A closed case cannot be changed."));
        Preconditions.ExpectVersion(db, c, expectedVersion);

        var now = time.GetUtcNow().UtcDateTime;
        var newPriority = r.Priority ?? c.Priority;
        var slaAttributesChanged = newPriority != c.Priority || (r.Type ?? c.Type) != c.Type;
        if (newPriority != c.Priority) events.Raise(new CasePriorityChanged(c.Id, c.Priority, newPriority, now));
        c.Subject = r.Subject!.Trim();
        c.Description = CreateCase.Trimmed(r.Description);
        c.Type = r.Type ?? c.Type;
        c.Priority = newPriority;
        c.CategoryId = r.CategoryId;
        c.ContactId = r.ContactId;
        c.ProductId = r.ProductId;
        if (r.Language is not null) c.Language = CreateCase.Trimmed(r.Language);
        c.UpdatedAt = now;
        if (slaAttributesChanged) await sla.Change(c, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(c, ct);
    }
}
