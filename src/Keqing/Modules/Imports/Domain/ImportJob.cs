using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Imports.Domain;

/// <summary>
/// One import of a file (DOMAIN A7): the stored upload, its mapping and rules, its progress and counts, and a checkpoint —
/// the last row whose outcome is committed, written in the same transaction as that batch's customers — so a worker that
/// dies is followed by another that resumes after it. Claimed by a worker under a lease like the outbox (ADR 0002).
/// </summary>
[RecordType("imports.import", LegacyName = "ImportJob")]
public sealed class ImportJob
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Entity { get; set; } = "customers";
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }
    /// <summary>SHA-256 of the upload (hex), so a second upload of the same file is recognised.</summary>
    public string FileSha256 { get; set; } = "";
    public ImportFormat Format { get; set; }
    /// <summary>The detected text encoding of a CSV (utf-8, utf-16, gb18030).</summary>
    public string? Encoding { get; set; }
    public char? Delimiter { get; set; }
    /// <summary>The header row as read, a JSON array of strings.</summary>
    public string Headers { get; set; } = "[]";
    /// <summary>Column → target field (null: ignored), a JSON object; automatic unless the user corrected it.</summary>
    public string Mapping { get; set; } = "{}";
    public MergeMode Mode { get; set; }
    /// <summary>Where the file came from; required of kinds that hold personal data, optional for the others ("" then).</summary>
    public string Source { get; set; } = "";
    /// <summary>The lawful basis for holding the rows' personal data (DOMAIN P2); null for a kind without personal data (products, sell-through).</summary>
    public LegalBasis? LegalBasis { get; set; }
    /// <summary>The user who owns the rows without an owner cell; null: see <see cref="OwnerTeamId"/>, else the importer.</summary>
    public Guid? OwnerId { get; set; }
    /// <summary>The team whose sales staff own, in turn, the rows without an owner cell (round robin).</summary>
    public Guid? OwnerTeamId { get; set; }
    public ImportStatus Status { get; set; }
    /// <summary>Why the whole job failed (an unreadable file), null otherwise.</summary>
    public string? Error { get; set; }
    public int Total { get; set; }
    public int Processed { get; set; }
    public int Inserted { get; set; }
    public int Merged { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    /// <summary>Rows stored but flagged for a person to look at (a 进销存 row whose figures do not add up); listed in the errors download.</summary>
    public int Flagged { get; set; }
    /// <summary>The last row number whose outcome is committed; a resumed run starts after it.</summary>
    public int CheckpointRow { get; set; }
    /// <summary>The same file was imported before (same SHA-256): that job's id.</summary>
    public Guid? SameFileAs { get; set; }
    public bool CancelRequested { get; set; }
    /// <summary>The importer's UI language: the job's row errors are written in it.</summary>
    public string Culture { get; set; } = "zh-CN";
    public Guid CreatedBy { get; set; }
    /// <summary>The importer's roles when they started it (comma-separated): the job acts with them, e.g. for owner columns.</summary>
    public string CreatedByRoles { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>When the original cells of its rejected rows were cleared (retention, see ImportOptions.RejectedRowsDays).</summary>
    public DateTime? RejectedCellsClearedAt { get; set; }
}

/// <summary>A piece of an uploaded file, stored in the database so any node can run (or resume) the import after a restart.</summary>
public sealed class ImportChunk
{
    public Guid ImportId { get; set; }
    public int Seq { get; set; }
    public byte[] Data { get; set; } = [];
}

/// <summary>
/// What became of one row of an import: the customer it created or merged into (so "where did this customer come from"
/// is answerable), or why it was rejected, with the row's original cells for the errors download.
/// </summary>
public sealed class ImportRow
{
    public Guid ImportId { get; set; }
    public int RowNo { get; set; }
    public RowOutcome Outcome { get; set; }
    public Guid? CustomerId { get; set; }
    public string? Error { get; set; }
    /// <summary>The original cells of a rejected row, a JSON array of strings (null for other outcomes).</summary>
    public string? Values { get; set; }
}
