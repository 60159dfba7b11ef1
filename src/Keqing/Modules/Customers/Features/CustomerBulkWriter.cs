using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Writes validated import rows set-wise, in the caller's transaction: rows matching an existing customer (or an earlier
/// row of the same batch) by an exact key — credit code, normalised phone, normalised email, or the same name in the same
/// city — are skipped or merged as the mode says; the others are inserted with everything a normal create maintains
/// (search columns, lookup rows, owner and team, timestamps, version). New rows are bulk-inserted without per-row audit
/// (the import records one audit entry for the job); merges into existing customers go through the change tracker and
/// are audited field by field. See docs/adr/0030-bulk-import.md.
/// </summary>
public sealed class CustomerBulkWriter(KeqingDb db, TimeProvider clock, IEnumerable<ICustomerLimits> limits, DomainEvents events) : ICustomerBulkWriter
{
    private long insertedSoFar;
    private long analyzeAt = 1000;
    private bool statisticsDue;

    /// <summary>
    /// Merges the search indexes' pending lists and refreshes PostgreSQL's statistics of the tables an import grows;
    /// the import calls it when it ends, before it reports completion (issue 18).
    /// </summary>
    public Task AfterBulkWrite(CancellationToken ct) => CustomerSearchIndexes.AfterBulkWrite(db, ct);

    /// <summary>
    /// Refreshes the statistics when the rows inserted have doubled since the last refresh. Autovacuum analyses the
    /// tables only every minute or so; meanwhile the planner, believing the table still holds the few rows it held at
    /// the start, walks all of it for every batch's key lookups and the import slows down quadratically. Called after
    /// each batch's transaction commits: inside it, the ANALYZE would hold its lock to the commit and autovacuum, finding
    /// the table locked, would skip it.
    /// </summary>
    public async Task AfterBatchCommit(CancellationToken ct)
    {
        if (!statisticsDue) return;
        statisticsDue = false;
        await CustomerSearchIndexes.RefreshStatistics(db, ct);
    }

    /// <summary>
    /// The existing (unarchived) customer each row matches by an exact key, by row number. A row with an external id
    /// never matches a customer holding another one: that is another record of the source system, however alike.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, Guid>> FindExisting(IReadOnlyList<CustomerImportRow> rows, CancellationToken ct) =>
        (await CustomPlans.Run(db, () => FindMatches(rows, ct), ct)).Found;

    /// <summary>
    /// <see cref="FindExisting"/>, and the rows that found their customer only by the merge chain of their external id
    /// (a record merged away in Keqing): those fill the survivor's gaps but never overwrite what the merge chose.
    /// </summary>
    private async Task<(Dictionary<int, Guid> Found, HashSet<int> ByMergeChain)> FindMatches(IReadOnlyList<CustomerImportRow> rows, CancellationToken ct)
    {
        var externals = rows.Select(r => r.ExternalId).OfType<string>().Distinct().ToList();
        var phones = rows.SelectMany(r => r.Phones).Select(ContactPoints.NormalizePhone).OfType<string>().Distinct().ToList();
        var emails = rows.SelectMany(r => r.Emails).Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct().ToList();
        var codes = rows.Select(r => r.CreditCode).OfType<string>().Distinct().ToList();
        var names = rows.Select(r => r.Name).Distinct().ToList();

        var lookups = db.Set<CustomerLookup>().AsNoTracking();
        var live = db.Set<Customer>().AsNoTracking().Where(c => c.ArchivedAt == null);
        var byExternal = await SurvivorsByExternalId(externals, ct);
        var byPhone = phones.Count == 0 ? [] : await lookups.Where(l => l.Kind == LookupKind.Phone && phones.Contains(l.Value))
            .Join(live, l => l.CustomerId, c => c.Id, (l, c) => new { l.Value, c.Id, c.ExternalId }).ToListAsync(ct);
        var byEmail = emails.Count == 0 ? [] : await lookups.Where(l => l.Kind == LookupKind.Email && emails.Contains(l.Value))
            .Join(live, l => l.CustomerId, c => c.Id, (l, c) => new { l.Value, c.Id, c.ExternalId }).ToListAsync(ct);
        var byCode = codes.Count == 0 ? [] : await live.Where(c => c.CreditCode != null && codes.Contains(c.CreditCode))
            .Select(c => new { Value = c.CreditCode!, c.Id, c.ExternalId }).ToListAsync(ct);
        var byName = await live.Where(c => names.Contains(c.Name)).Select(c => new { c.Name, c.City, c.Id, c.ExternalId }).ToListAsync(ct);

        var keys = new Dictionary<string, List<(Guid Id, string? ExternalId)>>(StringComparer.Ordinal);
        void Add(string key, Guid id, string? externalId)
        {
            if (!keys.TryGetValue(key, out var list)) keys[key] = list = [];
            list.Add((id, externalId));
        }
        foreach (var (value, id, _) in byExternal) Add("x:" + value, id, value);
        foreach (var x in byCode) Add("c:" + x.Value, x.Id, x.ExternalId);
        foreach (var x in byPhone) Add("p:" + x.Value, x.Id, x.ExternalId);
        foreach (var x in byEmail) Add("e:" + x.Value, x.Id, x.ExternalId);
        foreach (var x in byName) Add(CustomerImportKeys.NameKey(x.Name, x.City), x.Id, x.ExternalId);

        foreach (var list in keys.Values) list.Sort((a, b) => a.Id.CompareTo(b.Id));

        var chained = byExternal.Where(x => x.ByMergeChain).Select(x => (x.ExternalId, x.Id)).ToHashSet();
        var found = new Dictionary<int, Guid>();
        var byMergeChain = new HashSet<int>();
        foreach (var row in rows)
        {
            var match = CustomerImportKeys.Keys(row).SelectMany(key => keys.GetValueOrDefault(key) ?? [])
                .FirstOrDefault(x => CustomerImportKeys.SameSourceRecord(row.ExternalId, x.ExternalId));
            if (match.Id == Guid.Empty) continue;
            found[row.RowNo] = match.Id;
            if (row.ExternalId is { } external && chained.Contains((external, match.Id))) byMergeChain.Add(row.RowNo);
        }
        return (found, byMergeChain);
    }

    /// <summary>
    /// The live customer holding each external id; a customer merged into another leads to its survivor, so a source
    /// record merged away in Keqing is not imported again as a new customer.
    /// </summary>
    private async Task<List<(string ExternalId, Guid Id, bool ByMergeChain)>> SurvivorsByExternalId(IReadOnlyCollection<string> externals, CancellationToken ct)
    {
        if (externals.Count == 0) return [];
        var holders = await db.Set<Customer>().AsNoTracking()
            .Where(c => c.ExternalId != null && externals.Contains(c.ExternalId) && (c.ArchivedAt == null || c.MergedIntoId != null))
            .Select(c => new { Value = c.ExternalId!, c.Id, c.MergedIntoId }).ToListAsync(ct);
        var live = holders.Where(h => h.MergedIntoId is null).Select(h => (h.Value, h.Id, ByMergeChain: false)).ToList();
        var following = holders.Where(h => h.MergedIntoId is not null).Select(h => (h.Value, Next: h.MergedIntoId!.Value)).ToList();
        for (var hop = 0; hop < 10 && following.Count > 0; hop++)
        {
            var next = following.Select(f => f.Next).Distinct().ToList();
            var steps = await db.Set<Customer>().AsNoTracking().Where(c => next.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => new { c.ArchivedAt, c.MergedIntoId }, ct);
            live.AddRange(following.Where(f => steps.TryGetValue(f.Next, out var s) && s.ArchivedAt is null).Select(f => (f.Value, f.Next, true)));
            following = [.. following.Where(f => steps.TryGetValue(f.Next, out var s) && s.MergedIntoId is not null)
                .Select(f => (f.Value, steps[f.Next].MergedIntoId!.Value))];
        }
        return live;
    }

    /// <summary>
    /// Writes one batch in the caller's transaction and returns every row's outcome. A row matching an earlier row of the
    /// same batch merges into that row's customer; call with the whole file in order, batch by batch, and a later batch
    /// finds the customers the earlier ones inserted as existing ones.
    /// </summary>
    public async Task<IReadOnlyList<RowResult>> Write(IReadOnlyList<CustomerImportRow> rows, BulkImportSettings settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The key arrays are planned for this batch's values (issue 18): see CustomPlans.
        var (existingIds, byMergeChain) = await CustomPlans.Run(db, () => FindMatches(rows, ct), ct);
        var ids = existingIds.Values.Distinct().ToList();
        var existing = ids.Count == 0 ? [] : await db.Set<Customer>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var existingContacts = ids.Count == 0 ? [] : (await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.CustomerId))
            .Select(c => new { c.CustomerId, c.Name }).ToListAsync(ct)).Select(c => (c.CustomerId, c.Name)).ToHashSet();
        var changed = new HashSet<Guid>();
        var room = await RoomLeft(rows, settings, ct);
        var gradeBefore = existing.Values.ToDictionary(c => c.Id, c => c.Grade);

        var inserted = new Dictionary<Guid, Customer>();
        var batchKeys = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var contacts = new List<Contact>();
        var results = new List<RowResult>(rows.Count);
        foreach (var row in rows)
        {
            // The match was made before the batch began. Since then an earlier row of the batch may have given the
            // customer another external id (this row is another record of the source system), or given this row's id
            // to another customer (that one is this record). A match by the merge chain holds the survivor, whose own
            // id may differ.
            if (existingIds.TryGetValue(row.RowNo, out var id) && existing.TryGetValue(id, out var match)
                && (byMergeChain.Contains(row.RowNo) || CustomerImportKeys.SameSourceRecord(row.ExternalId, match.ExternalId))
                && !(row.ExternalId is { } external && batchKeys.TryGetValue("x:" + external, out var holder) && holder != id))
            {
                var rowSettings = byMergeChain.Contains(row.RowNo) && settings.Mode == MergeMode.Overwrite ? settings with { Mode = MergeMode.FillEmpty } : settings;
                var merged = rowSettings.Mode != MergeMode.Skip && Merge(match, row, rowSettings, now);
                merged |= settings.Mode != MergeMode.Skip && AddContact(match, row, settings, now, existingContacts, contacts);
                if (merged) changed.Add(match.Id);
                results.Add(new RowResult(row.RowNo, merged ? RowOutcome.Merged : RowOutcome.Skipped, match.Id));
                foreach (var key in CustomerImportKeys.Keys(row)) batchKeys.TryAdd(key, match.Id); // a later row sharing another of its keys
                continue;
            }
            var earlier = CustomerImportKeys.Keys(row).Select(k => batchKeys.TryGetValue(k, out var e) ? e : (Guid?)null)
                .FirstOrDefault(e => e is { } c && CustomerImportKeys.SameSourceRecord(row.ExternalId, (inserted.TryGetValue(c, out var f) ? f : existing[c]).ExternalId));
            if (earlier is { } earlierId)
            {
                var target = inserted.TryGetValue(earlierId, out var fresh) ? fresh : existing[earlierId];
                var merged = settings.Mode != MergeMode.Skip && Merge(target, row, settings, now);
                merged |= settings.Mode != MergeMode.Skip && AddContact(target, row, settings, now, existingContacts, contacts);
                if (merged && existing.ContainsKey(target.Id)) changed.Add(target.Id);
                results.Add(new RowResult(row.RowNo, merged ? RowOutcome.Merged : RowOutcome.Skipped, target.Id));
                foreach (var key in CustomerImportKeys.Keys(row)) batchKeys.TryAdd(key, target.Id);
                continue;
            }
            var ownerId = row.OwnerId ?? settings.ImporterId;
            if (room.TryGetValue(ownerId, out var left))
            {
                // Over the owner's customer limit: this row is rejected naming the limit, the others still import.
                if (left.Left <= 0)
                {
                    results.Add(new RowResult(row.RowNo, RowOutcome.Failed, Guid.Empty, left.Refusal));
                    continue;
                }
                room[ownerId] = left with { Left = left.Left - 1 };
            }
            var customer = new Customer
            {
                Kind = row.Kind, Name = row.Name, Aliases = [.. row.Aliases], Industry = row.Industry, Province = row.Province,
                City = row.City, Address = row.Address, Phones = [.. row.Phones], Emails = [.. row.Emails], Website = row.Website,
                CreditCode = row.CreditCode, ExternalId = row.ExternalId, LegalRepresentative = row.LegalRepresentative, Tags = [.. row.Tags], Grade = row.Grade,
                Source = settings.Source, LegalBasis = settings.LegalBasis,
                OwnerId = ownerId, TeamId = row.OwnerId is null ? settings.ImporterTeamId : row.OwnerTeamId,
                Latitude = row.Latitude, Longitude = row.Longitude,
                LocationSource = row.Latitude is null ? null : CustomerLocationSource.Imported, LocatedAt = row.Latitude is null ? null : now,
                CreatedAt = now, UpdatedAt = now,
            };
            inserted[customer.Id] = customer;
            foreach (var key in CustomerImportKeys.Keys(row)) batchKeys.TryAdd(key, customer.Id);
            AddContact(customer, row, settings, now, existingContacts, contacts);
            results.Add(new RowResult(row.RowNo, RowOutcome.Inserted, customer.Id));
        }

        var lookups = new List<CustomerLookup>();
        foreach (var customer in inserted.Values)
        {
            CustomerSearch.Index(customer);
            foreach (var (kind, value) in CustomerSearch.Lookups(customer).Distinct())
                lookups.Add(new CustomerLookup { Kind = kind, Value = value, CustomerId = customer.Id });
        }
        await BulkInsert.Rows(db, inserted.Values, ct);
        await BulkInsert.Rows(db, lookups, ct);

        var changedCustomers = existing.Values.Where(c => changed.Contains(c.Id)).ToList();
        foreach (var customer in changedCustomers)
        {
            customer.UpdatedAt = now;
            CustomerSearch.Index(customer);
            // Once per customer and batch, like the editor's: other modules re-target what hangs on the grade (SLA clocks).
            if (customer.Grade != gradeBefore[customer.Id]) events.Raise(new CustomerGradeChanged(customer.Id, gradeBefore[customer.Id], customer.Grade));
        }
        await ReplaceLookups(changedCustomers, ct);
        var contactsOfExisting = contacts.Where(c => existing.ContainsKey(c.CustomerId)).ToList();
        db.AddRange(contactsOfExisting); // audited, like the merge itself
        db.AddRange(contactsOfExisting.SelectMany(ContactSearch.Rows));
        var newContacts = contacts.Where(c => !existing.ContainsKey(c.CustomerId)).ToList();
        await BulkInsert.Rows(db, newContacts, ct);
        await BulkInsert.Rows(db, newContacts.SelectMany(ContactSearch.Rows).ToList(), ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        insertedSoFar += inserted.Count;
        if (insertedSoFar >= analyzeAt)
        {
            analyzeAt = insertedSoFar * 2;
            if (db.Database.CurrentTransaction is null) await CustomerSearchIndexes.RefreshStatistics(db, ct);
            else statisticsDue = true; // after the commit: AfterBatchCommit
        }
        return results;
    }

    /// <summary>
    /// What each owner of the batch's rows may still get under every customer limit (the smallest room wins); owners
    /// without a limit are absent. Asked once per batch, inside its transaction, so the limit's lock holds to the commit.
    /// </summary>
    private async Task<Dictionary<Guid, CustomerRoomLeft>> RoomLeft(IReadOnlyList<CustomerImportRow> rows, BulkImportSettings settings, CancellationToken ct)
    {
        var room = new Dictionary<Guid, CustomerRoomLeft>();
        var owners = rows.Select(r => r.OwnerId ?? settings.ImporterId).Distinct().ToList();
        foreach (var limit in limits)
            foreach (var (owner, left) in await limit.RoomLeft(owners, ct))
                if (!room.TryGetValue(owner, out var other) || left.Left < other.Left) room[owner] = left;
        return room;
    }

    private static bool AddContact(Customer customer, CustomerImportRow row, BulkImportSettings settings, DateTime now,
        HashSet<(Guid, string)> known, List<Contact> contacts)
    {
        if (row.Contact is not { } c || !known.Add((customer.Id, c.Name))) return false;
        contacts.Add(new Contact
        {
            CustomerId = customer.Id, Name = c.Name, Title = c.Title, Phones = c.Phone is null ? [] : [c.Phone],
            Emails = c.Email is null ? [] : [c.Email], Source = settings.Source, LegalBasis = settings.LegalBasis,
            CreatedAt = now, UpdatedAt = now,
        });
        return true;
    }

    /// <summary>Applies a row to a customer by the mode; true when anything changed.</summary>
    private static bool Merge(Customer c, CustomerImportRow row, BulkImportSettings settings, DateTime now)
    {
        var overwrite = settings.Mode == MergeMode.Overwrite;
        var changed = false;
        string? Pick(string? current, string? incoming)
        {
            if (incoming is null || current == incoming) return current;
            if (!overwrite && !string.IsNullOrEmpty(current)) return current;
            changed = true;
            return incoming;
        }
        List<string> PickList(List<string> current, IReadOnlyList<string> incoming)
        {
            if (incoming.Count == 0 || current.SequenceEqual(incoming)) return current;
            if (!overwrite && current.Count > 0) return current;
            changed = true;
            return [.. incoming];
        }
        c.Industry = Pick(c.Industry, row.Industry);
        c.Province = Pick(c.Province, row.Province);
        c.City = Pick(c.City, row.City);
        c.Address = Pick(c.Address, row.Address);
        c.Website = Pick(c.Website, row.Website);
        c.CreditCode = Pick(c.CreditCode, row.CreditCode);
        if (row.ExternalId is not null && c.ExternalId is null) { c.ExternalId = row.ExternalId; changed = true; }
        c.LegalRepresentative = Pick(c.LegalRepresentative, row.LegalRepresentative);
        c.Aliases = PickList(c.Aliases, row.Aliases);
        c.Phones = PickList(c.Phones, row.Phones);
        c.Emails = PickList(c.Emails, row.Emails);
        c.Tags = PickList(c.Tags, row.Tags);
        if (row.Grade is { } grade && c.Grade != grade && (overwrite || c.Grade is null)) { c.Grade = grade; changed = true; }
        if (overwrite && c.Name != row.Name) { c.Name = row.Name; changed = true; }
        if (row.Latitude is { } lat && row.Longitude is { } lng && (c.Latitude != lat || c.Longitude != lng) && (overwrite || c.Latitude is null))
        {
            c.Latitude = lat;
            c.Longitude = lng;
            c.LocationSource = CustomerLocationSource.Imported;
            c.LocatedAt = now;
            changed = true;
        }
        // The record now (also) holds what this source gave: its source and basis follow, unless fill-empty keeps a recorded one.
        if (overwrite || string.IsNullOrEmpty(c.Source))
        {
            if (c.Source != settings.Source || c.LegalBasis != settings.LegalBasis) changed = true;
            c.Source = settings.Source;
            c.LegalBasis = settings.LegalBasis;
        }
        return changed;
    }

    /// <summary>Brings the lookup rows of merged-into customers in line with their new values, in one read.</summary>
    private async Task ReplaceLookups(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        if (customers.Count == 0) return;
        var ids = customers.Select(c => c.Id).ToList();
        var set = db.Set<CustomerLookup>();
        var current = (await set.Where(l => ids.Contains(l.CustomerId)).ToListAsync(ct)).ToLookup(l => l.CustomerId);
        foreach (var customer in customers)
        {
            var wanted = CustomerSearch.Lookups(customer).ToHashSet();
            var have = current[customer.Id].ToList();
            set.RemoveRange(have.Where(l => !wanted.Contains((l.Kind, l.Value))));
            foreach (var (kind, value) in wanted.Where(w => !have.Any(l => l.Kind == w.Kind && l.Value == w.Value)))
                set.Add(new CustomerLookup { Kind = kind, Value = value, CustomerId = customer.Id });
        }
    }
}
