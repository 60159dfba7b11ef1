using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Imports.Contracts;

/// <summary>Where an import is: uploaded for a preview, waiting for a worker, running, or finished one way or another.</summary>
public enum ImportStatus { Draft = 0, Queued = 1, Running = 2, Completed = 3, Failed = 4, Cancelled = 5 }

/// <summary>The layout of an uploaded file.</summary>
public enum ImportFormat { Csv = 1, Xlsx = 2 }

/// <summary>
/// An import's settings, progress and counts; <c>errorsUrl</c> downloads the rejected rows as CSV, and the flagged ones
/// (<c>flagged</c>: stored, but a 进销存 row whose opening + purchases − sales ≠ closing) with the reason. Rows without an
/// owner cell belong to <c>ownerId</c>, or in turn to the sales staff of <c>ownerTeamId</c>, or (neither set) to the importer.
/// <c>personalData</c> false (products, sell-through): the file holds no personal data, so it has no legal basis
/// (<c>legalBasis</c> reads none) and its source is optional.
/// </summary>
public sealed record ImportDto(
    Guid Id, string Entity, string FileName, long FileSize, ImportFormat Format, string? Encoding, string? Delimiter,
    MergeMode Mode, string Source, LegalBasis LegalBasis, ImportStatus Status, string? Error,
    int Total, int Processed, int Inserted, int Merged, int Skipped, int Failed, string? ErrorsUrl,
    Guid? SameFileAs, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string?> Mapping,
    Guid CreatedBy, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, Guid? OwnerId = null, Guid? OwnerTeamId = null,
    int Flagged = 0, bool PersonalData = true);

/// <summary>What POST /api/imports answers (202): the new import's id.</summary>
public sealed record ImportCreated(Guid Id, ImportStatus Status);

/// <summary>One previewed row: the values as they will be stored (by field) and every reason it would be rejected.</summary>
public sealed record PreviewRow(int RowNo, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Errors);

/// <summary>
/// The first rows of an upload as they will be stored, and counts over the first <c>scannedRows</c> rows (the whole file
/// when <c>complete</c>): rows with errors, rows matching existing customers, rows repeating an earlier row of the file.
/// </summary>
/// <remarks>
/// <c>targets</c> says, column by column, which field it fills and whether that field belongs to the customer or to the
/// row's contact person; <c>notImported</c> lists every column whose data will not be imported, so nothing is dropped unseen.
/// </remarks>
public sealed record ImportPreview(
    IReadOnlyList<string> Columns, IReadOnlyDictionary<string, string?> Mapping, IReadOnlyList<PreviewRow> Rows,
    int ScannedRows, bool Complete, int InvalidRows, int DuplicatesOfExisting, int DuplicatesWithinFile, int? LikelyDuplicates,
    IReadOnlyList<string> Problems, IReadOnlyList<ImportColumnTarget> Targets, IReadOnlyList<string> NotImported,
    IReadOnlyList<ImportLimitWarning> LimitWarnings);

/// <summary>
/// An owner whose new customers in a previewed import would pass their customer limit (客户上限): <c>rows</c> would be
/// rejected (of the rows read), the limit is <c>max</c> owned customers, <c>left</c> more fit; <c>message</c> says so in
/// the caller's language.
/// </summary>
public sealed record ImportLimitWarning(Guid OwnerId, string OwnerName, int Rows, int Max, int Left, string Message);

/// <summary>Where one column of the file goes: a field (null: not imported) of the customer or of its contact.</summary>
public sealed record ImportColumnTarget(string Column, string? Field, string? Target);

/// <summary>
/// Starts a previewed (draft) import, optionally with a corrected mapping or other settings. <c>ownerId</c> (one user) or
/// <c>ownerTeamId</c> (round robin over that team's sales staff) replaces the draft's owner choice; the empty GUID resets it
/// to the importer.
/// </summary>
public sealed record StartImportRequest(
    IReadOnlyDictionary<string, string?>? Mapping = null, MergeMode? Mode = null, string? Source = null, LegalBasis? LegalBasis = null,
    Guid? OwnerId = null, Guid? OwnerTeamId = null);

/// <summary>A target field of the mapping, with its label in the caller's language and what it belongs to (customer or contact).</summary>
public sealed record ImportFieldDto(string Field, string Label, string Target);
