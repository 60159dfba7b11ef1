using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Creates a customer, or replaces one's fields under If-Match (record access applies). A new customer that is likely
/// one the caller can already see is saved only when the caller confirms it is another (<c>duplicatesConfirmed</c>
/// of <see cref="Create"/>); else <see cref="LikelyDuplicateException"/> lists the matches.
/// </summary>
public sealed class SaveCustomer(KeqingDb db, IRecordAccess access, CustomerEditor editor, CustomerPrivacy privacy,
    DuplicateFinder duplicates, DuplicateQueue queue, TimeProvider clock, IEnumerable<ICustomerLimits> limits)
{
    public async Task<CustomerDto> Create(CustomerInput input, bool duplicatesConfirmed, CancellationToken ct)
    {
        // In a transaction: the customer limit locks the owner until the customer is saved.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (customer, shown) = await Add(input, duplicatesConfirmed, ct);
        if (customer is null) throw new LikelyDuplicateException(shown);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await privacy.Protect(customer.ToDto(), log: false, ct);
    }

    /// <summary>
    /// <see cref="Create"/> without saving (the caller's unit of work): the customer added, or null and the likely
    /// duplicates the caller is shown when it must confirm first.
    /// </summary>
    public async Task<(Customer? Customer, IReadOnlyList<DuplicateMatch> Duplicates)> Add(CustomerInput input, bool duplicatesConfirmed, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { CreatedAt = now, UpdatedAt = now };
        await editor.Apply(customer, input, isNew: true, ct);
        var matches = await duplicates.Find(Probe(customer), customer.Id, ct);
        if (matches.Count > 0 && !duplicatesConfirmed)
        {
            // Like the check while typing: a role that may not see persons' phones and emails is not told by them either.
            var shown = await privacy.MaySearchContactPoints(ct) ? matches
                : await duplicates.Find(Probe(customer) with { Phones = null, Emails = null }, customer.Id, ct);
            if (shown.Count > 0) return (null, shown);
        }
        foreach (var limit in limits) await limit.EnsureRoom(new Dictionary<Guid, int> { [customer.OwnerId] = 1 }, ct);
        db.Add(customer);
        // Likely duplicates go to the review queue with the new customer (the form warned while it was typed).
        await queue.Enqueue(customer.Id, matches, ct);
        return (customer, []);
    }

    public async Task<CustomerDto> Update(Guid id, long expectedVersion, CustomerInput input, CancellationToken ct)
    {
        var customer = await access.FindVisible(db.Set<Customer>(), id, ct);
        await access.EnsureCanWrite(customer, ct);
        if (customer.ArchivedAt is not null) throw new ConflictException("This customer is archived; restore it before editing.");
        Preconditions.ExpectVersion(db, customer, expectedVersion);
        var before = DuplicateFingerprint.Of(customer);
        var ownerBefore = customer.OwnerId;
        await editor.Apply(customer, await privacy.KeepHidden(customer, input, ct), isNew: false, ct);
        customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // Only a change of what duplicates are judged by (name, place, phones, emails, credit code) can make new ones.
        if (!DuplicateFingerprint.Of(customer).SameAs(before))
            await queue.Enqueue(customer.Id, await duplicates.Find(Probe(customer), customer.Id, ct), ct);
        // Giving the customer to someone else is an assignment: the new owner's limits hold (in a transaction, which
        // locks their count until the change is saved).
        await using var transaction = customer.OwnerId != ownerBefore ? await db.Database.BeginTransactionAsync(ct) : null;
        if (transaction is not null)
            foreach (var limit in limits) await limit.EnsureRoomForMoves(new Dictionary<Guid, Guid> { [customer.Id] = customer.OwnerId }, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return await privacy.Protect(customer.ToDto(), log: false, ct);
    }

    private static DuplicateProbe Probe(Customer c) => new(c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode);
}

/// <summary>A new customer is likely one that exists (409 with the matches): save it again with the confirmation if it is not.</summary>
public sealed class LikelyDuplicateException(IReadOnlyList<DuplicateMatch> matches)
    : Exception("This looks like a customer that exists already; confirm that it is another one to create it.")
{
    public IReadOnlyList<DuplicateMatch> Matches { get; } = matches;
}
