using Keqing.Modules.Imports.Features;

namespace Keqing.Modules.Imports;

/// <summary>Settings under <c>Keqing:Imports</c>.</summary>
public sealed class ImportOptions
{
    /// <summary>Whether this node runs import jobs in the background (the API and CLI work either way).</summary>
    public bool Enabled { get; set; } = true;
    public int PollSeconds { get; set; } = 2;
    /// <summary>How long a worker's claim on a job holds without renewal; a killed worker's job is resumed after it.</summary>
    public int LeaseSeconds { get; set; } = 60;
    public int BatchSize { get; set; } = 2000;
    /// <summary>
    /// The batch of a sales database (进销存) import: its rows are narrow (two keys, a month, four numbers) and a year's file
    /// holds millions, so fewer, larger batches (fewer round trips per row) at no cost in memory worth the name.
    /// </summary>
    public int SellThroughBatchSize { get; set; } = 10_000;
    /// <summary>
    /// SQLite only: how long, at most, the import waits after a batch for other saves under way (a user's, waiting for
    /// SQLite's single write lock) before its next batch. PostgreSQL writers do not wait for each other.
    /// </summary>
    public int SqliteYieldMilliseconds { get; set; } = 1000;
    public long MaxUploadMegabytes { get; set; } = 1024;
    /// <summary>How many rows the preview reads to count errors and duplicates.</summary>
    public int PreviewScanRows { get; set; } = 20_000;
    public int PreviewRows { get; set; } = 50;
    /// <summary>How long an upload that was previewed but never started (a draft) is kept, with its stored file.</summary>
    public int DraftDays { get; set; } = 7;
    /// <summary>How long the original cells of rejected rows are kept for the errors download after an import ended.</summary>
    public int RejectedRowsDays { get; set; } = 30;
    public ImportLimits Limits { get; set; } = new();
}
