using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Keqing.Tests.Fixtures;

/// <summary>
/// A migrated database made once per test run, per provider, which each test class's host starts on a copy of
/// (PostgreSQL: <c>CREATE DATABASE … TEMPLATE</c>, see <see cref="PostgresServer"/>; SQLite: a file copy) instead of
/// migrating an empty database. It holds the schema only: each host still seeds its first admin on start, on its own clock.
/// </summary>
public static class DatabaseTemplate
{
    private static readonly Lazy<Task<string>> sqliteFile = new(MakeSqliteTemplateAsync);

    /// <summary>Applies the migrations with the app's own migrator, the one its start runs, on its own services.</summary>
    public static async Task MigrateAsync(Provider provider, string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Keqing:Database:Provider"] = provider == Provider.Postgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite;
        builder.Configuration["ConnectionStrings:Keqing"] = connectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKeqingInfrastructure(builder.Configuration);
        builder.Services.AddKeqingModules(builder.Configuration);
        await using var app = builder.Build();
        await DatabaseMigrator.MigrateAsync(app.Services, CancellationToken.None);
    }

    /// <summary>Writes a migrated SQLite database to <paramref name="file"/>.</summary>
    public static async Task CopySqliteTo(string file) => File.Copy(await sqliteFile.Value, file);

    private static async Task<string> MakeSqliteTemplateAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"keqing-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        // No pooling: every connection is closed once the migrator is done, so nothing is left in a WAL file beside it.
        var connectionString = $"Data Source={file};Pooling=False";
        await MigrateAsync(Provider.Sqlite, connectionString);
        // One self-contained file to copy; each copy's host turns WAL on again at start, as on an empty database.
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync();
        return file;
    }
}
