using Keqing.Infrastructure.Data;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>One distributor × product × month report, checked and resolved to ids, ready to store.</summary>
public sealed record SellThroughFigures(Guid DistributorId, Guid ProductId, int Month, long Opening, long Purchases, long Sales, long Closing)
{
    /// <summary>Opening + purchases − sales − closing: zero when the report adds up.</summary>
    public long Difference => Opening + Purchases - Sales - Closing;
    public bool Balanced => Difference == 0;
}

/// <summary>What a batch did: for each input row (in order) whether it replaced an earlier report.</summary>
public sealed record UpsertOutcome(IReadOnlyList<bool> Replaced)
{
    public int Stored => Replaced.Count;
    public int ReplacedCount => Replaced.Count(r => r);
}

/// <summary>
/// The one write path of the sales database (form, API, import): upserts a batch in the caller's transaction, one row per
/// distributor × product × month, a later report replacing the earlier (its id kept). Rows that do not add up are
/// stored with Balanced false, never refused. PostgreSQL: the keys already stored looked up, the new rows COPYed in,
/// the others upserted (<see cref="WritePostgres"/>); SQLite (in-process): one prepared upsert re-bound per row. Then, in the same
/// transaction, the heat map's cells of the months the batch touched (<see cref="SellThroughSummary"/>), or for an import's
/// batch a mark that they are to be recomputed when it ends.
/// </summary>
public sealed class SellThroughUpsert(KeqingDb db, TimeProvider clock, SellThroughSummary summary)
{
    /// <summary>
    /// Upserts the batch. With <paramref name="deferSummary"/> (an import's batches) the heat map's months are only marked,
    /// to be recomputed once when the import ends (<see cref="SellThroughSummary.RefreshPending"/>).
    /// </summary>
    public async Task<UpsertOutcome> Write(IReadOnlyList<SellThroughFigures> figures, SellThroughSource source, Guid? reportedBy, CancellationToken ct,
        bool deferSummary = false)
    {
        if (figures.Count == 0) return new UpsertOutcome([]);
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement cannot touch a row twice: within a batch the last report of a key wins, the earlier ones count as replaced.
        var lastOfKey = new Dictionary<(Guid, Guid, int), int>();
        for (var i = 0; i < figures.Count; i++) lastOfKey[(figures[i].DistributorId, figures[i].ProductId, figures[i].Month)] = i;
        var replaced = new bool[figures.Count];
        var rows = new List<SellThroughRow>(lastOfKey.Count);
        var indexOfRow = new List<int>(lastOfKey.Count);
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            if (lastOfKey[(f.DistributorId, f.ProductId, f.Month)] != i) { replaced[i] = true; continue; }
            rows.Add(new SellThroughRow
            {
                DistributorId = f.DistributorId, ProductId = f.ProductId, Month = f.Month, Opening = f.Opening, Purchases = f.Purchases,
                Sales = f.Sales, Closing = f.Closing, Balanced = f.Balanced, Source = source, ReportedAt = now, ReportedBy = reportedBy,
            });
            indexOfRow.Add(i);
        }

        var replacedKeys = db.Database.IsNpgsql() ? await WritePostgres(rows, source, now, reportedBy, copyFirst: deferSummary, ct) : WriteSqlite(rows);
        for (var r = 0; r < rows.Count; r++) replaced[indexOfRow[r]] = replacedKeys.Contains((rows[r].DistributorId, rows[r].ProductId, rows[r].Month));
        var reported = rows.Select(r => (r.DistributorId, r.Month)).Distinct();
        if (deferSummary) await summary.MarkPending(reported, now, ct);
        else await summary.Refresh(reported, ct);
        return new UpsertOutcome(replaced);
    }

    // Set once an import's batch met keys already stored (see WritePostgres).
    private bool replacing;

    private static readonly string[] Replaces = ["Opening", "Purchases", "Sales", "Closing", "Balanced", "Source", "ReportedAt", "ReportedBy"];

    private static string OnConflict() =>
        "ON CONFLICT (\"DistributorId\", \"ProductId\", \"Month\") DO UPDATE SET " +
        string.Join(", ", Replaces.Select(c => $"\"{c}\" = excluded.\"{c}\""));

    /// <summary>
    /// Stores the batch on PostgreSQL; returns the keys of the rows that replaced an earlier report (usually none: a month's
    /// first file). An import's batch (<paramref name="copyFirst"/>) is first COPYed in whole, the cheapest way into an
    /// indexed table: when that succeeds no key was stored before and nothing was replaced. When a key was (the COPY fails
    /// on the unique index and is rolled back to its savepoint), and for the form's and the API's small batches, the keys
    /// already stored are looked up (one index probe each), the rest COPYed in and the stored ones upserted; after one
    /// such failure the import's writer (one per job) looks up first, as a file replacing a month replaces most of its
    /// rows. Should another writer store one of the copied keys meanwhile, that COPY fails too and the whole batch goes
    /// through the upsert, which handles that.
    /// </summary>
    private async Task<HashSet<(Guid, Guid, int)>> WritePostgres(List<SellThroughRow> rows, SellThroughSource source, DateTime reportedAt, Guid? reportedBy,
        bool copyFirst, CancellationToken ct)
    {
        if (copyFirst && !replacing)
        {
            if (await TryCopy(rows, ct)) return [];
            replacing = true;
        }
        var stored = await StoredKeys(rows, ct);
        var fresh = stored.Count == 0 ? rows : rows.Where(r => !stored.Contains((r.DistributorId, r.ProductId, r.Month))).ToList();
        if (fresh.Count > 0 && !await TryCopy(fresh, ct)) return await Upsert(rows, source, reportedAt, reportedBy, ct);
        if (stored.Count > 0) await Upsert(rows.Where(r => stored.Contains((r.DistributorId, r.ProductId, r.Month))).ToList(), source, reportedAt, reportedBy, ct);
        return stored;
    }

    /// <summary>The batch's keys already stored. LATERAL … LIMIT 1 keeps it to one index probe per key, never a scan of the table.</summary>
    private async Task<HashSet<(Guid, Guid, int)>> StoredKeys(List<SellThroughRow> rows, CancellationToken ct)
    {
        var keys = await db.Database.SqlQueryRaw<StoredKey>(
            "SELECT u.d AS \"DistributorId\", u.p AS \"ProductId\", u.m AS \"Month\" FROM unnest({0}, {1}, {2}) AS u(d, p, m) " +
            "CROSS JOIN LATERAL (SELECT 1 FROM sellthrough_rows r WHERE r.\"DistributorId\" = u.d AND r.\"ProductId\" = u.p AND r.\"Month\" = u.m LIMIT 1) AS found",
            [rows.Select(r => r.DistributorId).ToArray(), rows.Select(r => r.ProductId).ToArray(), rows.Select(r => r.Month).ToArray()]).ToListAsync(ct);
        return keys.Select(k => (k.DistributorId, k.ProductId, k.Month)).ToHashSet();
    }

    /// <summary>COPYs new rows in (binary) under a savepoint; false, rolled back, when one of their keys was stored meanwhile.</summary>
    private async Task<bool> TryCopy(List<SellThroughRow> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The sell-through upsert runs inside the caller's transaction.");
        await transaction.CreateSavepointAsync("sellthrough_copy", ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var sql = $"COPY sellthrough_rows ({string.Join(", ", PostgresColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using (var copy = await connection.BeginBinaryImportAsync(sql, ct))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(r.DistributorId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(r.ProductId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(r.Month, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.Opening, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Purchases, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Sales, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Closing, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Balanced, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync((short)r.Source, NpgsqlDbType.Smallint, ct);
                    await copy.WriteAsync(r.ReportedAt, NpgsqlDbType.TimestampTz, ct);
                    if (r.ReportedBy is { } by) await copy.WriteAsync(by, NpgsqlDbType.Uuid, ct);
                    else await copy.WriteNullAsync(ct);
                }
                await copy.CompleteAsync(ct);
            }
            await transaction.ReleaseSavepointAsync("sellthrough_copy", ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackToSavepointAsync("sellthrough_copy", ct);
            return false;
        }
    }

    /// <summary>
    /// Upserts rows in one statement, their columns sent as arrays (binary) and unnested; returns the keys of the rows that
    /// replaced an earlier report. The source, time and reporter are the batch's, sent once.
    /// </summary>
    private async Task<HashSet<(Guid, Guid, int)>> Upsert(List<SellThroughRow> rows, SellThroughSource source, DateTime reportedAt, Guid? reportedBy, CancellationToken ct)
    {
        var n = rows.Count;
        var (ids, distributors, products) = (new Guid[n], new Guid[n], new Guid[n]);
        var (months, opening, purchases, sales, closing, balanced) = (new int[n], new long[n], new long[n], new long[n], new long[n], new bool[n]);
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            (ids[i], distributors[i], products[i], months[i]) = (r.Id, r.DistributorId, r.ProductId, r.Month);
            (opening[i], purchases[i], sales[i], closing[i], balanced[i]) = (r.Opening, r.Purchases, r.Sales, r.Closing, r.Balanced);
        }
        object[] parameters =
        [
            ids, distributors, products, months, opening, purchases, sales, closing, balanced, (short)source,
            new NpgsqlParameter { Value = reportedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            new NpgsqlParameter { Value = (object?)reportedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
        ];
        // xmax is 0 on a row version this statement inserted, the updating transaction's id on one it replaced.
        var sql = $"WITH up AS (INSERT INTO sellthrough_rows ({string.Join(", ", PostgresColumns.Select(c => $"\"{c}\""))}) " +
                  "SELECT u.*, {9}, {10}, {11} FROM unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}) AS u " +
                  $"{OnConflict()} RETURNING \"DistributorId\", \"ProductId\", \"Month\", xmax <> 0 AS replaced) " +
                  "SELECT \"DistributorId\", \"ProductId\", \"Month\" FROM up WHERE replaced";
        var keys = await db.Database.SqlQueryRaw<StoredKey>(sql, parameters).ToListAsync(ct);
        return keys.Select(k => (k.DistributorId, k.ProductId, k.Month)).ToHashSet();
    }

    private sealed class StoredKey
    {
        public Guid DistributorId { get; set; }
        public Guid ProductId { get; set; }
        public int Month { get; set; }
    }

    /// <summary>The columns <see cref="TryCopy"/> and <see cref="Upsert"/> fill, in their order (a test holds them equal to the model's).</summary>
    internal static readonly string[] PostgresColumns =
        ["Id", "DistributorId", "ProductId", "Month", "Opening", "Purchases", "Sales", "Closing", "Balanced", "Source", "ReportedAt", "ReportedBy"];

    private HashSet<(Guid, Guid, int)> WriteSqlite(List<SellThroughRow> rows)
    {
        var (columns, properties, mappings) = Columns();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The sell-through upsert runs inside the caller's transaction.");
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        // RETURNING gives the stored row's id: the new one when inserted, the earlier report's when replaced.
        command.CommandText = $"INSERT INTO sellthrough_rows ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) {OnConflict()} RETURNING \"Id\"";
        var parameters = properties.Select((p, i) => mappings[i].CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        var replaced = new HashSet<(Guid, Guid, int)>();
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                var value = properties[i].GetGetter().GetClrValueUsingContainingEntity(row);
                var converter = mappings[i].Converter ?? properties[i].GetValueConverter();
                parameters[i].Value = (value is not null && converter is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }
            var stored = command.ExecuteScalar(); // SQLite runs in-process: the async variant only adds overhead per row
            if (!Guid.TryParse(stored?.ToString(), out var id) || id != row.Id) replaced.Add((row.DistributorId, row.ProductId, row.Month));
        }
        return replaced;
    }

    private (List<string> Columns, List<IProperty> Properties, List<RelationalTypeMapping> Mappings) Columns()
    {
        var entity = db.Model.FindEntityType(typeof(SellThroughRow))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.GetColumnName(store) is not null).ToList();
        return (properties.Select(p => p.GetColumnName(store)!).ToList(), properties, properties.Select(p => p.GetRelationalTypeMapping()).ToList());
    }
}
