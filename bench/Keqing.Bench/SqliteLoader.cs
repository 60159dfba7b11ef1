using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keqing.Bench;

/// <summary>
/// Loads generated customers into SQLite in one transaction of prepared, batched multi-row INSERTs. Values are
/// converted with the EF model's own type mappings (Guid as upper-case TEXT, DateTime as ISO text, lists as JSON,
/// enums as strings), so the rows are exactly what the app writes. Secondary indexes are dropped first and re-created
/// from their own SQL after the load; then ANALYZE.
/// </summary>
public static class SqliteLoader
{
    private const int RowsPerStatement = 100;

    public static async Task<LoadStats> LoadAsync(KeqingDb model, string connectionString, IEnumerable<GeneratedCustomer> customers,
        Action<GeneratedCustomer> observe, CancellationToken ct)
    {
        SqliteConnection.ClearAllPools();
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync(ct);
        await Exec(conn, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;", ct);
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('customers', 'customers_lookups')";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await Exec(conn, $"DROP INDEX \"{name}\"", ct);

        var customerTable = new TableWriter(conn, model.Model.FindEntityType(typeof(Customer))!);
        var lookupTable = new TableWriter(conn, model.Model.FindEntityType(typeof(CustomerLookup))!);

        var total = Stopwatch.StartNew();
        long rows = 0, lookups = 0;
        await using (var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct))
        {
            customerTable.Prepare(tx);
            lookupTable.Prepare(tx);
            foreach (var g in customers)
            {
                observe(g);
                await customerTable.Add(g.Customer, ct);
                foreach (var (kind, value) in g.Lookups)
                {
                    await lookupTable.Add(new CustomerLookup { Kind = kind, Value = value, CustomerId = g.Customer.Id }, ct);
                    lookups++;
                }
                if (++rows % 50_000 == 0) Console.Write($"\r  inserted {rows:N0} customers ({rows / total.Elapsed.TotalSeconds:N0}/s)   ");
            }
            await customerTable.Flush(ct);
            await lookupTable.Flush(ct);
            await tx.CommitAsync(ct);
        }
        Console.WriteLine();
        var insert = total.Elapsed;

        var indexTime = Stopwatch.StartNew();
        foreach (var (name, sql) in indexes)
        {
            var one = Stopwatch.StartNew();
            await Exec(conn, sql, ct);
            Console.WriteLine($"  {name}: {one.Elapsed.TotalSeconds:N1} s");
        }
        var index = indexTime.Elapsed;
        // Foreign keys were off for the load (lookup batches may run ahead of their customers' batch); check them all once.
        await using (var check = conn.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check(customers_lookups)";
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) throw new InvalidOperationException("A lookup row has no customer.");
        }
        await Exec(conn, "PRAGMA foreign_keys = ON", ct);
        var analyze = Stopwatch.StartNew();
        await Exec(conn, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", ct);
        return new LoadStats(rows, lookups, insert, index, analyze.Elapsed);
    }

    private static async Task Exec(SqliteConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A prepared multi-row INSERT for one table whose parameters take EF-converted values.</summary>
    private sealed class TableWriter
    {
        private readonly SqliteConnection conn;
        private readonly string table;
        private readonly (IProperty Property, RelationalTypeMapping Mapping)[] columns;
        private readonly List<object> pending = new(RowsPerStatement);
        private SqliteCommand? full;
        private SqliteTransaction? tx;

        public TableWriter(SqliteConnection conn, IEntityType entity)
        {
            this.conn = conn;
            table = entity.GetTableName()!;
            columns = entity.GetProperties().Select(p => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToArray();
        }

        public void Prepare(SqliteTransaction transaction)
        {
            tx = transaction;
            full = Build(RowsPerStatement);
        }

        public async Task Add(object entity, CancellationToken ct)
        {
            pending.Add(entity);
            if (pending.Count == RowsPerStatement)
            {
                await Run(full!, ct);
                pending.Clear();
            }
        }

        public async Task Flush(CancellationToken ct)
        {
            if (pending.Count == 0) return;
            await using var tail = Build(pending.Count);
            await Run(tail, ct);
            pending.Clear();
        }

        private async Task Run(SqliteCommand cmd, CancellationToken ct)
        {
            var i = 0;
            foreach (var entity in pending)
            {
                foreach (var (property, mapping) in columns)
                {
                    var value = property.PropertyInfo!.GetValue(entity);
                    if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                    cmd.Parameters[i++].Value = value ?? DBNull.Value;
                }
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }

        private SqliteCommand Build(int rowCount)
        {
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var sql = new StringBuilder($"INSERT INTO \"{table}\" (");
            sql.AppendJoin(", ", columns.Select(c => $"\"{c.Property.GetColumnName()}\"")).Append(") VALUES ");
            for (var r = 0; r < rowCount; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = $"@p{r}_{c}";
                    sql.Append(c == 0 ? name : ", " + name);
                    DbParameter parameter = columns[c].Mapping.CreateParameter(cmd, name, null, nullable: true);
                    cmd.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            cmd.CommandText = sql.ToString();
            cmd.Prepare();
            return cmd;
        }
    }
}
