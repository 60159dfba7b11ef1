using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Features;

/// <summary>The filters of the customer list (query string of <c>GET /api/customers</c>).</summary>
public sealed record CustomerQuery(string? Q = null, CustomerGrade? Grade = null, Guid? OwnerId = null, string? Tag = null,
    string? Province = null, CustomerKind? Kind = null, string? Sort = null, bool Archived = false, bool Shared = false);

/// <summary>
/// Lists and counts the customers the caller may read (<see cref="CustomerReadScope"/>): search by name (substring of three characters or more, else
/// prefix), pinyin (full or initials), phone in any format, email, and by their contacts (name or given name, pinyin and
/// initials as a prefix, exact phone or email: <see cref="ContactSearch"/>), showing which contact matched; filters (grade, owner, tag, province, kind); sort by name, created or updated;
/// keyset-paged.
/// </summary>
public sealed class ListCustomers(KeqingDb db, CustomerReadScope readScope, CustomerPrivacy privacy, PinyinTrigrams pinyinTrigrams, IRecordAccess access)
{
    /// <summary>Counts stop here, so a count never scans a million rows: the UI shows "10,000+".</summary>
    public const int CountCap = 10_000;

    private static readonly string[] Sorts = ["name", "-name", "created", "-created", "updated", "-updated"];

    public async Task<Page<CustomerDto>> Handle(CustomerQuery query, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var sort = query.Sort ?? "name";
        if (!Sorts.Contains(sort)) throw new ValidationFailedException("sort", FieldErrors.Text("sort is one of {0}.", string.Join(", ", Sorts)));
        var cursor = Paging.Decode<Cursor>(after);
        // Every statement of a search is planned for its values (issue 18): see CustomPlans.
        var items = await CustomPlans.Run(db, async () =>
            await Order(After(await Filtered(query, ct), sort, cursor), sort).AsNoTracking().Take(take + 1).ToListAsync(ct), ct);
        var page = await privacy.Protect(items.Take(take).Select(c => c.ToDto()).ToList(), log: true, ct);
        if (!string.IsNullOrWhiteSpace(query.Q)) page = await WithMatchedContacts(page, query.Q.Trim(), ct);
        // The cursor holds the stored sort key of the page's last row, which the DTO does not carry.
        return new Page<CustomerDto>(page, items.Count > take ? Paging.Encode(CursorOf(items[take - 1], sort)) : null);
    }

    /// <summary>
    /// For each customer of the page found through a contact rather than its own fields, that contact (its phone masked
    /// where the caller may not see it, like the contact itself).
    /// </summary>
    private async Task<IReadOnlyList<CustomerDto>> WithMatchedContacts(IReadOnlyList<CustomerDto> page, string q, CancellationToken ct)
    {
        var ids = page.Select(c => c.Id).ToList();
        var contactPoints = await ContactPointsSearchable(q, ct);
        var hits = await ContactSearch.Matching(db, q, contactPoints).Where(l => ids.Contains(l.CustomerId))
            .Select(l => new { l.CustomerId, l.ContactId }).ToListAsync(ct);
        if (hits.Count == 0) return page;
        var contactIds = hits.Select(h => h.ContactId).Distinct().ToList();
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var phone = ContactPoints.LooksLikePhone(q) ? ContactPoints.NormalizePhone(q) : null;
        var matches = hits.Where(h => contacts.ContainsKey(h.ContactId)).GroupBy(h => h.CustomerId)
            .Select(g => contacts[g.Min(h => h.ContactId)])
            .Select(c => new ContactMatchDto(c.Id, c.CustomerId, c.Name, c.Title,
                c.Phones.FirstOrDefault(p => phone is not null && ContactPoints.NormalizePhone(p) == phone) ?? c.Phones.FirstOrDefault()))
            .ToList();
        var shown = (await privacy.Protect(matches, log: true, ct)).ToDictionary(m => m.CustomerId);
        return page.Select(c => shown.TryGetValue(c.Id, out var m) ? c with { MatchedContact = m } : c).ToList();
    }

    /// <summary>Only a phone or email search needs to know whether the caller may see persons' contact points.</summary>
    private async Task<bool> ContactPointsSearchable(string q, CancellationToken ct) =>
        !(q.Contains('@') || ContactPoints.LooksLikePhone(q)) || await privacy.MaySearchContactPoints(ct);

    /// <summary>Rows per query when streaming a whole list (export).</summary>
    public const int StreamBatch = 2_000;

    /// <summary>
    /// Every customer the list would show for <paramref name="query"/>, in its order, as the list's own DTOs, read in
    /// keyset batches so a million rows never sit in memory. The filters are checked (and a search's candidates read)
    /// before this returns, so a bad query fails before anything is written.
    /// </summary>
    public async Task<IAsyncEnumerable<CustomerDto>> StreamAll(CustomerQuery query, CancellationToken ct)
    {
        var sort = query.Sort ?? "name";
        if (!Sorts.Contains(sort)) throw new ValidationFailedException("sort", FieldErrors.Text("sort is one of {0}.", string.Join(", ", Sorts)));
        var rows = await CustomPlans.Run(db, () => Filtered(query, ct), ct);
        return Batches(rows, sort, ct);
    }

    private async IAsyncEnumerable<CustomerDto> Batches(IQueryable<Customer> rows, string sort, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Cursor? cursor = null;
        while (true)
        {
            var batch = await CustomPlans.Run(db, () => Order(After(rows, sort, cursor), sort).AsNoTracking().Take(StreamBatch).ToListAsync(ct), ct);
            // An export shows what the list shows: masked where the caller may not see, and logged where it may (P1).
            foreach (var dto in await privacy.Protect(batch.Select(c => c.ToDto()).ToList(), log: true, ct)) yield return dto;
            if (batch.Count < StreamBatch) yield break;
            cursor = CursorOf(batch[^1], sort);
        }
    }

    private static Cursor CursorOf(Customer c, string sort) => new(
        sort.EndsWith("name", StringComparison.Ordinal) ? c.NameSortKey : null,
        sort.EndsWith("created", StringComparison.Ordinal) ? c.CreatedAt : sort.EndsWith("updated", StringComparison.Ordinal) ? c.UpdatedAt : null,
        c.Id);

    /// <summary>How many customers match, counted up to <see cref="CountCap"/> + 1.</summary>
    public async Task<(int Count, bool Capped)> Count(CustomerQuery query, CancellationToken ct)
    {
        var n = await CustomPlans.Run(db, async () => await (await Filtered(query, ct)).Take(CountCap + 1).CountAsync(ct), ct);
        return n > CountCap ? (CountCap, true) : (n, false);
    }

    /// <summary>The position after the last row of a page: the sort value (the name's pinyin sort key, or a time) and the id.</summary>
    public sealed record Cursor(string? NameKey, DateTime? At, Guid Id);

    /// <summary>
    /// A search first collects the ids it matches from its index (lookup rows, trigram or FTS5); up to this many, the
    /// list is then read by primary key. Past it the matches are dense, and walking the sort index finds a page at once.
    /// </summary>
    public const int CandidateCap = 2_000;

    private async Task<IQueryable<Customer>> Filtered(CustomerQuery f, CancellationToken ct)
    {
        var source = await Searched(f, ct);
        var rows = await readScope.Readable(source, f.Q, ct);
        rows = f.Archived ? rows.Where(c => c.ArchivedAt != null) : rows.Where(c => c.ArchivedAt == null);
        // Shared with me (共享给我的): customers others own that are shared with me or my team, the share not ended.
        if (f.Shared) rows = await access.SharedWithMe(rows, ct);
        if (f.Grade is { } grade) rows = rows.Where(c => c.Grade == grade);
        if (f.OwnerId is { } owner) rows = rows.Where(c => c.OwnerId == owner);
        if (f.Kind is { } kind) rows = rows.Where(c => c.Kind == kind);
        if (!string.IsNullOrWhiteSpace(f.Province)) rows = rows.Where(c => c.Province == f.Province.Trim());
        if (!string.IsNullOrWhiteSpace(f.Tag)) rows = rows.Where(c => Ids(LookupKind.Tag, f.Tag.Trim().ToLowerInvariant()).Contains(c.Id));
        return rows;
    }

    /// <summary>The customers a search term matches (all customers without one), before access and filters.</summary>
    private async Task<IQueryable<Customer>> Searched(CustomerQuery f, CancellationToken ct)
    {
        var all = db.Set<Customer>();
        if (string.IsNullOrWhiteSpace(f.Q)) return all;
        var q = f.Q.Trim();
        if (q.Length > 200) throw new ValidationFailedException("q", FieldErrors.Text("At most {0} characters (got {1}).", 200, q.Length));
        var contactPoints = await ContactPointsSearchable(q, ct);
        var byContact = ContactSearch.Matching(db, q, contactPoints).Select(l => l.CustomerId);
        if (SqliteFullText(q, byContact) is { } fts)
        {
            // The FTS matches travel back as one JSON array parameter, not as a list of id parameters.
            var rowIds = await fts.RowIds(CandidateCap + 1, ct);
            var contactMatches = await byContact.Distinct().Take(CandidateCap + 1).ToListAsync(ct);
            if (rowIds.Count + contactMatches.Count > CandidateCap) return all.Where(fts.Matches);
            var json = "[" + string.Join(',', rowIds) + "]";
            if (contactMatches.Count == 0)
                return all.FromSql($"SELECT * FROM customers WHERE rowid IN (SELECT value FROM json_each({json}))");
            var byName = db.Database.SqlQuery<Guid>($"SELECT Id AS Value FROM customers WHERE rowid IN (SELECT value FROM json_each({json}))");
            return all.Where(c => byName.Contains(c.Id) || contactMatches.Contains(c.Id));
        }
        var keys = PinyinKeysPattern(q);
        var rareTrigrams = keys is null || q.Length < 3 ? null : await pinyinTrigrams.ToAsk(db, keys.Trim('%'), ct);
        var (matches, dense) = Search(q, f.Archived, contactPoints, byContact, rareTrigrams);
        var candidates = await matches.Take(CandidateCap + 1).ToListAsync(ct);
        return candidates.Count <= CandidateCap ? all.Where(c => candidates.Contains(c.Id)) : all.Where(dense);
    }

    private sealed record FullTextSearch(Func<int, CancellationToken, Task<List<long>>> RowIds, System.Linq.Expressions.Expression<Func<Customer, bool>> Matches);

    /// <summary>
    /// On SQLite, a name or pinyin search of three characters or more through the FTS5 trigram index (migration
    /// CustomersFullText): LIKE patterns without an ESCAPE clause use it. Null where that index does not apply.
    /// </summary>
    private FullTextSearch? SqliteFullText(string q, IQueryable<Guid> byContact)
    {
        var lower = q.ToLowerInvariant();
        // The trigram index needs three characters (runes: an emoji is two UTF-16 units but one character).
        if (!db.Database.IsSqlite() || lower.EnumerateRunes().Count() < 3 || q.Contains('@') || ContactPoints.LooksLikePhone(q) || lower.AsSpan().ContainsAny("%_\\"))
            return null;
        var name = "%" + lower + "%";
        var keys = PinyinKeysPattern(q);
        if (keys is not null && keys.Trim('%').Length < 3) return null;
        // A trigram MATCH of a quoted string is the same substring test as LIKE '%…%' without reading each candidate's
        // text back from the customers table to check it: several times faster (bench/README.md).
        // Letters and digits alone that match a name also match its pinyin keys, which spell every name with its
        // Latin letters and digits kept: the keys alone find them all.
        var keysOnly = keys is not null && keys.Trim('%') == lower && lower.All(char.IsAsciiLetterOrDigit);
        var sql = keys is null
            ? "SELECT rowid FROM customers_fts WHERE SearchName MATCH $name LIMIT $limit"
            : keysOnly ? "SELECT rowid FROM customers_fts WHERE PinyinKeys MATCH $keys LIMIT $limit"
            : "SELECT rowid FROM customers_fts WHERE SearchName MATCH $name UNION SELECT rowid FROM customers_fts WHERE PinyinKeys MATCH $keys LIMIT $limit";
        return new FullTextSearch((limit, ct) => FullTextRowIds(sql, Phrase(lower), keys is null ? null : Phrase(keys.Trim('%')), limit, ct),
            keys is null ? c => EF.Functions.Like(c.SearchName, name) || byContact.Contains(c.Id)
                : c => EF.Functions.Like(c.SearchName, name) || EF.Functions.Like(c.PinyinKeys, keys) || byContact.Contains(c.Id));
    }

    /// <summary>The FTS5 matches' rowids, read with a plain command on the context's connection: a search's first step is
    /// a few hundred microseconds of SQL, and a composed EF query would double it.</summary>
    private async Task<List<long>> FullTextRowIds(string sql, string name, string? keys, int limit, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            Add(command, "$name", name);
            if (keys is not null) Add(command, "$keys", keys);
            Add(command, "$limit", limit);
            var rowIds = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rowIds.Add(reader.GetInt64(0));
            return rowIds;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        static void Add(System.Data.Common.DbCommand command, string parameter, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = parameter;
            p.Value = value;
            command.Parameters.Add(p);
        }
    }

    /// <summary>
    /// The LIKE pattern for the pinyin keys, or null when the term is not pinyin. Three letters or more match anywhere
    /// (mingyuan finds 上海明远); one or two only at the start of a spelling (zs finds 张三 but not every name with "z"
    /// and "s" in a row).
    /// </summary>
    private static string? PinyinKeysPattern(string q)
    {
        var pinyin = PinyinIndex.NormalizeQuery(q);
        return pinyin.Length == 0 || !pinyin.All(char.IsAsciiLetterOrDigit) ? null
            : pinyin.Length >= 3 ? "%" + pinyin + "%" : "% " + pinyin + "%";
    }

    /// <summary>The ids a search term matches, from an index; and the same test as a row predicate for dense matches.</summary>
    /// <remarks>
    /// A caller whose role may not see persons' contact points (DOMAIN P1) finds by phone and email only organisations,
    /// whose numbers are not personal data: a search must not confirm a number it would show as <c>***</c>.
    /// </remarks>
    private (IQueryable<Guid> Ids, System.Linq.Expressions.Expression<Func<Customer, bool>> Dense) Search(string q, bool archived,
        bool personsContactPoints, IQueryable<Guid> byContact, IReadOnlyList<string>? rareTrigrams)
    {
        if (q.Contains('@'))
        {
            var email = ContactPoints.NormalizeEmail(q)!;
            var ids = OnlyVisibleOwners(Ids(LookupKind.Email, email), personsContactPoints).Union(byContact);
            return (ids, c => ids.Contains(c.Id));
        }
        if (ContactPoints.LooksLikePhone(q))
        {
            // Any way of writing the number; a partial number matches as a prefix (a range, so both providers use the key).
            var digits = ContactPoints.NormalizePhone(q)!;
            var end = digits + ":";
            var ids = db.Set<CustomerLookup>()
                .Where(l => l.Kind == LookupKind.Phone && string.Compare(l.Value, digits) >= 0 && string.Compare(l.Value, end) < 0)
                .Select(l => l.CustomerId);
            ids = OnlyVisibleOwners(ids, personsContactPoints).Union(byContact);
            return (ids, c => ids.Contains(c.Id));
        }

        var lower = q.ToLowerInvariant();
        var name = "%" + EscapeLike(lower) + "%";
        var keys = PinyinKeysPattern(q);
        System.Linq.Expressions.Expression<Func<Customer, bool>> dense = keys is null
            ? c => EF.Functions.Like(c.SearchName, name, "\\") || byContact.Contains(c.Id)
            : c => EF.Functions.Like(c.SearchName, name, "\\") || EF.Functions.Like(c.PinyinKeys, keys, "\\") || byContact.Contains(c.Id);
        // Candidates come from the same side of the archive as the list, so the partial (live) indexes serve them.
        var customers = archived ? db.Set<Customer>().Where(c => c.ArchivedAt != null) : db.Set<Customer>().Where(c => c.ArchivedAt == null);

        if (lower.Length < 3)
        {
            // One or two characters give no trigram: match names that start with them (the name index), and pinyin
            // tokens that start with them (" zs" is three characters, so that part still uses the trigram/FTS index).
            var prefixEnd = q + "\uffff";
            var byName = customers.Where(c => string.Compare(c.Name, q) >= 0 && string.Compare(c.Name, prefixEnd) < 0).Select(c => c.Id).Union(byContact);
            if (keys is null) return (byName, c => (string.Compare(c.Name, q) >= 0 && string.Compare(c.Name, prefixEnd) < 0) || byContact.Contains(c.Id));
            return (byName.Union(PinyinMatches(keys)), dense);
        }
        // PostgreSQL: the trigram GIN index of each column, as a union so each part uses its own index.
        var names = customers.Where(c => EF.Functions.Like(c.SearchName, name, "\\")).Select(c => c.Id).Union(byContact);
        return (keys is null ? names : names.Union(rareTrigrams is null ? PinyinMatches(keys) : PinyinMatches(keys.Trim('%'), rareTrigrams)), dense);
    }

    /// <summary>An FTS5 string (a phrase): the trigram tokenizer matches it as a substring.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private IQueryable<Guid> PinyinMatches(string keys) =>
        db.Database.IsSqlite() && keys.Trim('%').Length >= 3 // FTS5 needs three characters
            ? db.Database.SqlQuery<Guid>($"SELECT c.Id AS Value FROM customers_fts f JOIN customers c ON c.rowid = f.rowid WHERE f.PinyinKeys MATCH {Phrase(keys.Trim('%'))}")
            : db.Set<Customer>().Where(c => EF.Functions.Like(c.PinyinKeys, keys, "\\")).Select(c => c.Id);

    /// <summary>
    /// PostgreSQL: the keys that contain <paramref name="pinyin"/>, found through the index by its rare trigrams only and
    /// checked for the whole term row by row with <c>strpos</c>, which no index serves (EF writes <c>Contains</c> as a
    /// <c>LIKE</c>, which the index would take with all its trigrams again): see <see cref="PinyinTrigrams"/>.
    /// </summary>
    private IQueryable<Guid> PinyinMatches(string pinyin, IReadOnlyList<string> rareTrigrams)
    {
        var trigrams = string.Join(" AND ", rareTrigrams.Select((_, i) => $"\"PinyinKeys\" LIKE {{{i}}}"));
        var sql = $"SELECT \"Id\" AS \"Value\" FROM customers WHERE {trigrams} AND strpos(\"PinyinKeys\", {{{rareTrigrams.Count}}}) > 0";
        return db.Database.SqlQueryRaw<Guid>(sql, [.. rareTrigrams.Select(t => (object)("%" + t + "%")), pinyin]);
    }

    private IQueryable<Guid> OnlyVisibleOwners(IQueryable<Guid> ids, bool personsContactPoints) => personsContactPoints ? ids
        : db.Set<Customer>().Where(c => c.Kind == CustomerKind.Organization && ids.Contains(c.Id)).Select(c => c.Id);

    private IQueryable<Guid> Ids(LookupKind kind, string value) =>
        db.Set<CustomerLookup>().Where(l => l.Kind == kind && l.Value == value).Select(l => l.CustomerId);

    private static IQueryable<Customer> After(IQueryable<Customer> rows, string sort, Cursor? c)
    {
        if (c is null) return rows;
        var id = c.Id;
        var key = c.NameKey ?? "";
        var at = c.At ?? DateTime.MinValue;
        return sort switch
        {
            // The leading range bound lets the index seek straight to the cursor instead of filtering from the start.
            "name" => rows.Where(x => string.Compare(x.NameSortKey, key) >= 0 && (string.Compare(x.NameSortKey, key) > 0 || x.Id.CompareTo(id) > 0)),
            "-name" => rows.Where(x => string.Compare(x.NameSortKey, key) <= 0 && (string.Compare(x.NameSortKey, key) < 0 || x.Id.CompareTo(id) < 0)),
            "created" => rows.Where(x => x.CreatedAt >= at && (x.CreatedAt > at || x.Id.CompareTo(id) > 0)),
            "-created" => rows.Where(x => x.CreatedAt <= at && (x.CreatedAt < at || x.Id.CompareTo(id) < 0)),
            "updated" => rows.Where(x => x.UpdatedAt >= at && (x.UpdatedAt > at || x.Id.CompareTo(id) > 0)),
            _ => rows.Where(x => x.UpdatedAt <= at && (x.UpdatedAt < at || x.Id.CompareTo(id) < 0)),
        };
    }

    private static IQueryable<Customer> Order(IQueryable<Customer> rows, string sort) => sort switch
    {
        "name" => rows.OrderBy(x => x.NameSortKey).ThenBy(x => x.Id),
        "-name" => rows.OrderByDescending(x => x.NameSortKey).ThenByDescending(x => x.Id),
        "created" => rows.OrderBy(x => x.CreatedAt).ThenBy(x => x.Id),
        "-created" => rows.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id),
        "updated" => rows.OrderBy(x => x.UpdatedAt).ThenBy(x => x.Id),
        _ => rows.OrderByDescending(x => x.UpdatedAt).ThenByDescending(x => x.Id),
    };

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
