namespace Keqing.Infrastructure.Data;

/// <summary>Which database Keqing runs on (<c>Keqing:Database</c> in configuration).</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default, file keqing.db) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;
}
