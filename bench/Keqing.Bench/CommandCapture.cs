using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Keqing.Bench;

/// <summary>A SQL command EF sent: its text and a copy of its parameters, to replay it with plain ADO.NET.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<DbParameter> Parameters)
{
    private static readonly System.Reflection.MethodInfo MemberwiseCloneMethod =
        typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;

    public DbCommand CreateOn(DbConnection connection, string? sql = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql ?? Sql;
        cmd.CommandTimeout = 0;
        foreach (var p in Parameters) cmd.Parameters.Add(Copy(p));
        return cmd;
    }

    public static DbParameter Copy(DbParameter p) => p switch
    {
        NpgsqlParameter n => n.Clone(),
        // A field-for-field copy: EF marks Guid/DateTime parameters as SQLite TEXT internally, which a re-built
        // parameter would lose (a Guid would bind as a BLOB and match nothing).
        SqliteParameter s => (DbParameter)MemberwiseCloneMethod.Invoke(s, null)!,
        _ => throw new NotSupportedException(p.GetType().Name),
    };
}

/// <summary>Counts the commands EF executes and, while <see cref="Recording"/> is set, copies them.</summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> recorded = [];

    public int Count { get; private set; }
    public bool Recording { get; set; }
    public IReadOnlyList<CapturedCommand> Recorded => recorded;

    public void Reset()
    {
        Count = 0;
        recorded.Clear();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    private void Seen(DbCommand command)
    {
        Count++;
        if (Recording) recorded.Add(new CapturedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(CapturedCommand.Copy).ToList()));
    }
}
