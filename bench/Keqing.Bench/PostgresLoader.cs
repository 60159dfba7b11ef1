using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// Bulk-loads generated customers into PostgreSQL with binary COPY into <c>customers</c> and <c>customers_lookups</c>:
/// the secondary indexes the migrations created are dropped first and re-created from their own definitions after the
/// load (faster than maintaining them row by row), foreign-key triggers are skipped for the session, then VACUUM ANALYZE.
/// </summary>
public static class PostgresLoader
{
    private const string CustomerColumns =
        "\"Id\",\"Kind\",\"Name\",\"Aliases\",\"Industry\",\"Province\",\"City\",\"Address\",\"Phones\",\"Emails\",\"Website\",\"Source\"," +
        "\"OwnerId\",\"TeamId\",\"Grade\",\"Tags\",\"CustomFields\",\"CreatedAt\",\"UpdatedAt\",\"ArchivedAt\",\"Version\",\"SearchName\",\"PinyinKeys\",\"DuplicateKey\"";

    public static async Task<LoadStats> LoadAsync(string connectionString, IEnumerable<GeneratedCustomer> customers, int batch,
        Action<GeneratedCustomer> observe, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand(
                         """
                         SELECT indexname, indexdef FROM pg_indexes
                         WHERE schemaname = 'public' AND tablename IN ('customers', 'customers_lookups')
                           AND indexname NOT IN (SELECT conname FROM pg_constraint)
                         """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes) await Exec(conn, $"DROP INDEX \"{name}\"", ct);
        await Exec(conn, "SET session_replication_role = replica", ct); // no FK trigger per row; the data is consistent by construction

        var total = Stopwatch.StartNew();
        long rows = 0, lookups = 0;
        var pending = new List<GeneratedCustomer>(batch);
        foreach (var g in customers)
        {
            observe(g);
            pending.Add(g);
            if (pending.Count == batch)
            {
                lookups += await CopyBatch(conn, pending, ct);
                rows += pending.Count;
                pending.Clear();
                Console.Write($"\r  copied {rows:N0} customers ({rows / total.Elapsed.TotalSeconds:N0}/s)   ");
            }
        }
        if (pending.Count > 0)
        {
            lookups += await CopyBatch(conn, pending, ct);
            rows += pending.Count;
        }
        Console.WriteLine();
        var copy = total.Elapsed;

        var indexTime = Stopwatch.StartNew();
        foreach (var (name, definition) in indexes)
        {
            var one = Stopwatch.StartNew();
            await Exec(conn, definition, ct);
            Console.WriteLine($"  {name}: {one.Elapsed.TotalSeconds:N1} s");
        }
        await Exec(conn, "SET session_replication_role = DEFAULT", ct);
        var index = indexTime.Elapsed;
        var analyze = Stopwatch.StartNew();
        await Exec(conn, "VACUUM (ANALYZE) customers", ct);
        await Exec(conn, "VACUUM (ANALYZE) customers_lookups", ct);
        await Exec(conn, "VACUUM (ANALYZE) identity_record_shares", ct);
        return new LoadStats(rows, lookups, copy, index, analyze.Elapsed);
    }

    private static async Task<long> CopyBatch(NpgsqlConnection conn, List<GeneratedCustomer> batch, CancellationToken ct)
    {
        await using (var w = await conn.BeginBinaryImportAsync($"COPY customers ({CustomerColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (c, _) in batch)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(c.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(c.Name, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(c.Aliases, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await Text(w, c.Industry, ct);
                await Text(w, c.Province, ct);
                await Text(w, c.City, ct);
                await Text(w, c.Address, ct);
                await w.WriteAsync(c.Phones, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await w.WriteAsync(c.Emails, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await Text(w, c.Website, ct);
                await Text(w, c.Source, ct);
                await w.WriteAsync(c.OwnerId, NpgsqlDbType.Uuid, ct);
                if (c.TeamId is { } team) await w.WriteAsync(team, NpgsqlDbType.Uuid, ct); else await w.WriteNullAsync(ct);
                await Text(w, c.Grade?.ToString(), ct);
                await w.WriteAsync(c.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await w.WriteAsync(c.CustomFields, NpgsqlDbType.Text, ct);
                await w.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(c.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
                if (c.ArchivedAt is { } archived) await w.WriteAsync(archived, NpgsqlDbType.TimestampTz, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(c.Version, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(c.SearchName, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(c.PinyinKeys, NpgsqlDbType.Varchar, ct);
                await Text(w, c.DuplicateKey, ct);
            }
            await w.CompleteAsync(ct);
        }

        long n = 0;
        await using (var w = await conn.BeginBinaryImportAsync(
                         "COPY customers_lookups (\"Kind\",\"Value\",\"CustomerId\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (c, lookups) in batch)
            {
                foreach (var (kind, value) in lookups)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync((short)kind, NpgsqlDbType.Smallint, ct);
                    await w.WriteAsync(value, NpgsqlDbType.Varchar, ct);
                    await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
                    n++;
                }
            }
            await w.CompleteAsync(ct);
        }
        return n;
    }

    private static async Task Text(NpgsqlBinaryImporter w, string? value, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>What a load took: rows, lookups, bulk-insert time, index build time, analyze time.</summary>
public sealed record LoadStats(long Customers, long Lookups, TimeSpan Insert, TimeSpan Indexes, TimeSpan Analyze)
{
    public TimeSpan Total => Insert + Indexes + Analyze;
}
