using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// Inserts many new entities without the change tracker, in the caller's open transaction: binary COPY on PostgreSQL,
/// one prepared INSERT re-bound per row on SQLite. Columns, value converters and store types come from the EF model, so
/// the rows are stored exactly as SaveChanges would store them (but without audit entries or version bumps).
/// </summary>
public static partial class BulkInsert
{
    /// <summary>Into the entity's table, or into <c>intoTable</c>, another with its columns (a temp table to upsert from).</summary>
    public static async Task Rows<T>(KeqingDb db, IReadOnlyCollection<T> rows, CancellationToken ct, string? intoTable = null) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var table = intoTable ?? entity.GetTableName()!;
        var properties = entity.GetProperties().Where(p => p.GetColumnName(store) is not null).ToList();
        var columns = properties.Select(p => p.GetColumnName(store)!).ToList();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside the caller's transaction.");
        var connection = transaction.Connection!;

        if (connection is NpgsqlConnection npgsql)
        {
            var types = mappings.Select(m => CopyTypeName(m.StoreType)).ToList();
            var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await npgsql.BeginBinaryImportAsync(sql, ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < properties.Count; i++)
                {
                    var value = ProviderValue(properties[i], mappings[i], row);
                    if (value is null) await importer.WriteNullAsync(ct);
                    else await importer.WriteAsync(value, types[i], ct);
                }
            }
            await importer.CompleteAsync(ct);
            return;
        }

        // Parameters made once by the EF type mappings (so e.g. a Guid binds as SQLite TEXT like SaveChanges does), re-bound per row.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = properties.Select((p, i) => mappings[i].CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++) parameters[i].Value = ProviderValue(properties[i], mappings[i], row, arrays: false) ?? DBNull.Value;
            command.ExecuteNonQuery(); // SQLite runs in-process: the async variant only adds overhead per row
        }
    }

    private static object? ProviderValue(IProperty property, RelationalTypeMapping mapping, object row, bool arrays = true)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
        if (value is null) return null;
        var converter = mapping.Converter ?? property.GetValueConverter();
        if (converter is not null) value = converter.ConvertToProvider(value);
        // Collections go to PostgreSQL arrays; Npgsql writes arrays, not List<T>, by data type name.
        return arrays && value is List<string> list ? list.ToArray() : value;
    }

    /// <summary>A COPY data type name from an EF store type: without length facets ("character varying(200)" → "character varying").</summary>
    internal static string CopyTypeName(string storeType) => Facets().Replace(storeType, "");

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Facets();
}
