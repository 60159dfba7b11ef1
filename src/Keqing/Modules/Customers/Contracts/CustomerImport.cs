using Keqing.Infrastructure.Text;
namespace Keqing.Modules.Customers.Contracts;

/// <summary>One validated row of an import: a customer and at most one contact person.</summary>
public sealed record CustomerImportRow(int RowNo, CustomerKind Kind, string Name)
{
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string? Industry { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? Address { get; init; }
    public IReadOnlyList<string> Phones { get; init; } = [];
    public IReadOnlyList<string> Emails { get; init; } = [];
    public string? Website { get; init; }
    public string? CreditCode { get; init; }
    /// <summary>The customer's number in the system the file came from; see the customer's <c>ExternalId</c>.</summary>
    public string? ExternalId { get; init; }
    public string? LegalRepresentative { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public CustomerGrade? Grade { get; init; }
    /// <summary>The owner named by the row (already checked against what the importer may assign); null: the importer.</summary>
    public Guid? OwnerId { get; init; }
    public Guid? OwnerTeamId { get; init; }
    public ImportedContact? Contact { get; init; }
    /// <summary>Where the customer is (WGS-84 degrees): both or neither, checked by the parser.</summary>
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
}

/// <summary>The contact person of an import row.</summary>
public sealed record ImportedContact(string Name, string? Title, string? Phone, string? Email);

/// <summary>What an import does with a row that matches an existing customer.</summary>
public enum MergeMode { Skip = 0, FillEmpty = 1, Overwrite = 2 }

/// <summary>What became of an import row.</summary>
public enum RowOutcome { Inserted = 1, Merged = 2, Skipped = 3, Failed = 4 }

/// <summary>
/// The customer a row became or merged into (or matched and left alone); a <see cref="RowOutcome.Failed"/> row names
/// why in <paramref name="Error"/> (e.g. its owner's customer limit).
/// </summary>
public sealed record RowResult(int RowNo, RowOutcome Outcome, Guid CustomerId, string? Error = null);

/// <summary>Who imports, from where, on which lawful basis, and what to do with matches.</summary>
public sealed record BulkImportSettings(MergeMode Mode, string Source, LegalBasis LegalBasis, Guid ImporterId, Guid? ImporterTeamId);

/// <summary>
/// Plugs a fuzzy duplicate finder (similar names, pinyin …) into an import's preview; optional — exact keys are always
/// matched by <see cref="ICustomerBulkWriter"/>. Returns the row numbers that look like existing customers.
/// </summary>
public interface IImportDuplicateHint
{
    Task<IReadOnlySet<int>> LikelyDuplicates(IReadOnlyList<CustomerImportRow> rows, CancellationToken ct);
}

/// <summary>
/// Writes validated import rows set-wise, in the caller's transaction: rows matching an existing customer (or an earlier
/// row of the same batch) by an exact key (<see cref="CustomerImportKeys"/>) are skipped or merged as the mode says; the
/// others are inserted with everything a normal create maintains. See docs/adr/0030-bulk-import.md.
/// </summary>
public interface ICustomerBulkWriter
{
    /// <summary>
    /// Merges the search indexes' pending lists and refreshes the database's statistics of the tables an import grows;
    /// call it when an import ends, before it reports completion, outside any transaction.
    /// </summary>
    Task AfterBulkWrite(CancellationToken ct);

    /// <summary>Call after each batch's transaction commits: refreshes the statistics when the table has grown enough.</summary>
    Task AfterBatchCommit(CancellationToken ct);

    /// <summary>
    /// The existing (unarchived) customer each row matches by an exact key, by row number. A row with an external id
    /// never matches a customer holding another one: that is another record of the source system, however alike.
    /// </summary>
    Task<IReadOnlyDictionary<int, Guid>> FindExisting(IReadOnlyList<CustomerImportRow> rows, CancellationToken ct);

    /// <summary>
    /// Writes one batch in the caller's transaction and returns every row's outcome. A row matching an earlier row of the
    /// same batch merges into that row's customer; call with the whole file in order, batch by batch, and a later batch
    /// finds the customers the earlier ones inserted as existing ones.
    /// </summary>
    Task<IReadOnlyList<RowResult>> Write(IReadOnlyList<CustomerImportRow> rows, BulkImportSettings settings, CancellationToken ct);
}

/// <summary>The exact keys by which an import row matches a customer or an earlier row (pure; the same for preview and write).</summary>
public static class CustomerImportKeys
{
    /// <summary>Whether two records may be one: unless both carry an external id, and not the same one.</summary>
    public static bool SameSourceRecord(string? externalId, string? otherExternalId) =>
        externalId is null || otherExternalId is null || externalId == otherExternalId;

    /// <summary>The exact keys of a row, strongest first: external id, credit code, phones, emails, name in city.</summary>
    public static IEnumerable<string> Keys(CustomerImportRow row)
    {
        if (row.ExternalId is { } external) yield return "x:" + external;
        if (row.CreditCode is { } code) yield return "c:" + code;
        foreach (var p in row.Phones) if (ContactPoints.NormalizePhone(p) is { } v) yield return "p:" + v;
        foreach (var e in row.Emails) if (ContactPoints.NormalizeEmail(e) is { } v) yield return "e:" + v;
        yield return NameKey(row.Name, row.City);
    }

    /// <summary>The key of a name in a city.</summary>
    public static string NameKey(string name, string? city) => $"n:{name}\u001f{city}";
}
