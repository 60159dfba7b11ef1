using Keqing.Modules.Privacy.Contracts;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Customers.Domain;

/// <summary>A customer in the shared archive (DOMAIN A1, A2): an organisation or a person, owned by an employee.</summary>
[RecordType("customers.customer", LegacyName = "Customer")]
public sealed class Customer : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public CustomerKind Kind { get; set; }
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
    public string? Industry { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    [Personal(Sensitivity.Contact)] public string? Address { get; set; }
    [Personal(Sensitivity.Contact)] public List<string> Phones { get; set; } = [];
    [Personal(Sensitivity.Contact)] public List<string> Emails { get; set; } = [];
    public string? Website { get; set; }
    /// <summary>Unified social credit code (统一社会信用代码) of a registered organisation.</summary>
    public string? CreditCode { get; set; }
    /// <summary>
    /// The customer's number in another system (the CRM it was moved from, an ERP): an import matches a row to the
    /// customer by it before any other key, so a whole database can be imported again and again as it changes.
    /// </summary>
    public string? ExternalId { get; set; }
    /// <summary>Legal representative (法定代表人) as registered.</summary>
    public string? LegalRepresentative { get; set; }
    /// <summary>Where the data came from (a trade show, the web site, an import …).</summary>
    public string? Source { get; set; }
    /// <summary>The lawful basis for holding the data (DOMAIN P2); <see cref="LegalBasis.None"/> keeps it out of marketing.</summary>
    public LegalBasis LegalBasis { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public CustomerGrade? Grade { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>Values of the admin-defined custom fields, as a JSON object keyed by field key.</summary>
    public string CustomFields { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when archived (DELETE); an archived customer leaves the lists but keeps its history.</summary>
    public DateTime? ArchivedAt { get; set; }
    public long Version { get; set; }
    /// <summary>Set on a customer merged into another (and archived): the survivor that holds its records now.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>Lower-cased name and aliases, searched by substring.</summary>
    public string SearchName { get; set; } = "";
    /// <summary>Pinyin full spellings and initials of name and aliases, space-separated, every token preceded by a space.</summary>
    public string PinyinKeys { get; set; } = "";
    /// <summary>
    /// The name's pinyin order key (<see cref="PinyinIndex.SortKey"/>): "名称 A→Z" sorts by it, so 北京 comes before 上海.
    /// Empty on rows written before the column existed until <c>SearchKeysBackfill</c> fills it.
    /// </summary>
    public string NameSortKey { get; set; } = "";
    /// <summary>Place and normalised name for duplicate blocking (<c>上海|明远贸易</c>); null until computed.</summary>
    public string? DuplicateKey { get; set; }

    /// <summary>
    /// Where the customer is, in WGS-84 degrees; null when unknown. Entered, imported or taken from a visit's check-in
    /// with the user's consent (no geocoding service is called). For a person it tells where they live or work, so it
    /// is personal data as the address is.
    /// </summary>
    [Personal(Sensitivity.Contact)] public double? Latitude { get; set; }
    [Personal(Sensitivity.Contact)] public double? Longitude { get; set; }
    /// <summary>Where <see cref="Latitude"/> and <see cref="Longitude"/> came from.</summary>
    public CustomerLocationSource? LocationSource { get; set; }
    /// <summary>When the location was set.</summary>
    public DateTime? LocatedAt { get; set; }
}

/// <summary>One indexed value of a customer (a normalised phone or email, or a tag) for exact lookups at scale.</summary>
public sealed class CustomerLookup
{
    public LookupKind Kind { get; set; }
    public required string Value { get; set; }
    public Guid CustomerId { get; set; }
}

/// <summary>What a <see cref="CustomerLookup"/> or a <see cref="ContactLookup"/> holds (a name or pinyin spelling: contacts only).</summary>
public enum LookupKind { Phone = 1, Email = 2, Tag = 3, Name = 4, Pinyin = 5 }

/// <summary>
/// One indexed value of a contact — its name or given name, a pinyin spelling or its initials, a normalised phone or
/// email — by which a search finds the contact's customer (ADR 0004: candidates from a B-tree).
/// </summary>
public sealed class ContactLookup
{
    public LookupKind Kind { get; set; }
    public required string Value { get; set; }
    public Guid ContactId { get; set; }
    /// <summary>The contact's customer, so a match leads to it without reading the contact.</summary>
    public Guid CustomerId { get; set; }
}

/// <summary>
/// A pair of customers that look like the same one (DOMAIN A6), found by the scan or on entry, waiting for a person to
/// merge or dismiss it. <see cref="CustomerAId"/> is always the smaller id, so a pair is stored once.
/// </summary>
public sealed class DuplicateCandidate
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerAId { get; set; }
    public Guid CustomerBId { get; set; }
    public double Score { get; set; }
    /// <summary>JSON array of <see cref="DuplicateReason"/>.</summary>
    public string Reasons { get; set; } = "[]";
    public DuplicateStatus Status { get; set; } = DuplicateStatus.Open;
    public DateTime FoundAt { get; set; }
    /// <summary>When a scan last saw the pair; an open pair the latest full scan did not see is gone.</summary>
    public DateTime SeenAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
}

/// <summary>The one row that says when the scheduled duplicate scan last ran (or that it is asked for) and keeps its last figures.</summary>
public sealed class DuplicateScanState
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public DateTime? LastStartedAt { get; set; }
    public DateTime? LastFinishedAt { get; set; }
    public long LastCustomers { get; set; }
    public long LastPairsCompared { get; set; }
    public int LastPairsFound { get; set; }
    /// <summary>JSON array of the blocks the last scan skipped as too large (e.g. a switchboard number).</summary>
    public string LastSkippedBlocks { get; set; } = "[]";
}
