using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>Creates a customer, or replaces one's fields under If-Match (record access applies).</summary>
public sealed class SaveCustomer(KeqingDb db, IRecordAccess access, CustomerEditor editor, CustomerPrivacy privacy,
    DuplicateFinder duplicates, DuplicateQueue queue, TimeProvider clock)
{
    public async Task<CustomerDto> Create(CustomerInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { CreatedAt = now, UpdatedAt = now };
        await editor.Apply(customer, input, isNew: true, ct);
        db.Add(customer);
        // Likely duplicates go to the review queue with the new customer (the form warned while it was typed).
        await queue.Enqueue(customer.Id, await duplicates.Find(Probe(customer), customer.Id, ct), ct);
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(customer.ToDto(), log: false, ct);
    }

    public async Task<CustomerDto> Update(Guid id, long expectedVersion, CustomerInput input, CancellationToken ct)
    {
        var customer = await access.FindVisible(db.Set<Customer>(), id, ct);
        await access.EnsureCanWrite(customer, ct);
        if (customer.ArchivedAt is not null) throw new ConflictException("This customer is archived; restore it before editing.");
        Preconditions.ExpectVersion(db, customer, expectedVersion);
        var before = DuplicateFingerprint.Of(customer);
        await editor.Apply(customer, await privacy.KeepHidden(customer, input, ct), isNew: false, ct);
        customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // Only a change of what duplicates are judged by (name, place, phones, emails, credit code) can make new ones.
        if (!DuplicateFingerprint.Of(customer).SameAs(before))
            await queue.Enqueue(customer.Id, await duplicates.Find(Probe(customer), customer.Id, ct), ct);
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(customer.ToDto(), log: false, ct);
    }

    private static DuplicateProbe Probe(Customer c) => new(c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode);
}
