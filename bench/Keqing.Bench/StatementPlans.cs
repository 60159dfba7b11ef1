using System.Globalization;
using System.Text;
using Npgsql;

namespace Keqing.Bench;

/// <summary>
/// What PostgreSQL does with a statement EF sent: its text, then EXPLAIN (ANALYZE, BUFFERS) with its values twice —
/// planned for those values (a custom plan), and as a prepared statement's generic plan, which PostgreSQL may switch
/// an auto-prepared statement to after five runs and keep for the connection's life.
/// </summary>
public static class StatementPlans
{
    public static async Task<string> Explain(NpgsqlConnection conn, CapturedCommand command, CancellationToken ct)
    {
        var text = new StringBuilder(command.Sql).AppendLine().AppendLine("-- custom plan");
        await using (var explain = command.CreateOn(conn, "EXPLAIN (ANALYZE, BUFFERS) " + command.Sql))
            await Append(text, (NpgsqlCommand)explain, ct);

        // The same statement prepared with $n placeholders, executed with its values as literals under a generic plan.
        var sql = command.Sql;
        var numbered = command.Parameters.Select((p, i) => (Name: p.ParameterName.TrimStart('@'), Number: i + 1)).OrderByDescending(p => p.Name.Length);
        foreach (var (name, number) in numbered) sql = sql.Replace("@" + name, "$" + number, StringComparison.Ordinal);
        var values = string.Join(", ", command.Parameters.Select(p => Literal(p.Value)));
        await Exec(conn, "PREPARE keqing_plan AS " + sql, ct);
        try
        {
            await Exec(conn, "SET plan_cache_mode = force_generic_plan", ct);
            text.AppendLine("-- generic plan");
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) EXECUTE keqing_plan({values})", conn);
            await Append(text, explain, ct);
        }
        finally
        {
            await Exec(conn, "RESET plan_cache_mode", ct);
            await Exec(conn, "DEALLOCATE keqing_plan", ct);
        }
        return text.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        Guid[] ids => $"'{{{string.Join(',', ids)}}}'",
        DateOnly d => $"'{d:yyyy-MM-dd}'",
        DateTime t => $"'{t:yyyy-MM-dd HH:mm:ss.ffffff}'",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        IFormattable f => $"'{f.ToString(null, CultureInfo.InvariantCulture)}'",
        _ => $"'{value}'",
    };

    private static async Task Append(StringBuilder text, NpgsqlCommand explain, CancellationToken ct)
    {
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) text.AppendLine(reader.GetString(0));
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
