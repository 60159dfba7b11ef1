using System.Collections.Concurrent;
using System.Data.Common;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// "Customers near me" reads its bounding box from the location index on both providers: over 10,000 located customers
/// (written by the import's bulk writer, then ANALYZEd), the statement the app sends for <c>GET /api/customers/nearby</c>
/// (caught on its way to the database) is planned by the database itself — SQLite's EXPLAIN QUERY PLAN searches
/// IX_customers_live_Location by latitude, PostgreSQL's EXPLAIN gives that index an Index Cond on the latitude.
/// </summary>
public abstract class NearbyPlanTests(NearbyPlanTests.PlanApp app)
{
    private const string LocationIndex = "IX_customers_live_Location";

    /// <summary>The host with an interceptor that keeps the last statement of the nearby query and its values.</summary>
    public abstract class PlanApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
    {
        public NearbyStatements Statements { get; } = new();

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Statements));
    }

    public sealed class SqlitePlanApp(PostgresServer postgres) : PlanApp(postgres, Provider.Sqlite);

    public sealed class PostgresPlanApp(PostgresServer postgres) : PlanApp(postgres, Provider.Postgres);

    /// <summary>The statements that read customers by a latitude range, with their parameters' names and values.</summary>
    public sealed class NearbyStatements : DbCommandInterceptor
    {
        public ConcurrentQueue<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> Seen { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"Latitude\" >=", StringComparison.Ordinal) && command.CommandText.Contains("ORDER BY", StringComparison.Ordinal))
                Seen.Enqueue((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task The_bounding_box_is_read_from_the_location_index()
    {
        var admin = await app.AdminClient();
        await BulkWrite(10_000);
        app.Statements.Seen.Clear();
        (await admin.Nearby(31.2304, 121.4737, 10)).Should().NotBeEmpty();
        app.Statements.Seen.Should().ContainSingle("the nearby customers come from one statement");
        var (sql, parameters) = app.Statements.Seen.Single();

        var plan = await Explain(sql, parameters);
        plan.Should().Contain(LocationIndex, $"the box is read from the location index; the plan was:\n{plan}");
        if (app.Provider == Provider.Sqlite) plan.Should().Contain("Latitude>");
        else plan.Should().Contain("Index Cond").And.Contain("\"Latitude\" >=").And.NotContain("Seq Scan");
    }

    /// <summary>Customers all over mainland China's box, a tenth of them in and around Shanghai, then fresh statistics.</summary>
    private async Task BulkWrite(int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = KeqingApp.Service<KeqingDb>(scope);
        var user = (await KeqingApp.Service<IUserDirectory>(scope).FindByEmail(KeqingApp.AdminEmail, default))!;
        var writer = KeqingApp.Service<ICustomerBulkWriter>(scope);
        var settings = new BulkImportSettings(MergeMode.Skip, "test", LegalBasis.Consent, user.Id, null);
        var random = new Random(17);
        for (var start = 0; start < count; start += 2_000)
        {
            var rows = Enumerable.Range(start, Math.Min(2_000, count - start)).Select(i =>
            {
                var (lat, lng) = i % 10 == 0
                    ? (30.9 + random.NextDouble() * 0.7, 121.1 + random.NextDouble() * 0.8)
                    : (18 + random.NextDouble() * 35, 73 + random.NextDouble() * 62);
                return new CustomerImportRow(i + 1, CustomerKind.Organization, $"坐标客户{i:D5}有限公司") { City = "上海", Latitude = lat, Longitude = lng };
            }).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await writer.Write(rows, settings, default);
            await transaction.CommitAsync();
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private async Task<string> Explain(string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        DbConnection connection = app.Provider == Provider.Sqlite ? new SqliteConnection(app.ConnectionString) : new NpgsqlConnection(app.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            await using var explain = connection.CreateCommand();
            explain.CommandText = (app.Provider == Provider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
            foreach (var (name, value) in parameters)
            {
                var p = explain.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                explain.Parameters.Add(p);
            }
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            // SQLite: id, parent, notused, detail; PostgreSQL: one line of the plan a row.
            while (await reader.ReadAsync()) lines.Add(reader.GetString(reader.FieldCount - 1));
            return string.Join('\n', lines);
        }
    }
}

public sealed class NearbyPlanTestsOnSqlite(NearbyPlanTests.SqlitePlanApp app) : NearbyPlanTests(app), IClassFixture<NearbyPlanTests.SqlitePlanApp>;
public sealed class NearbyPlanTestsOnPostgres(NearbyPlanTests.PostgresPlanApp app) : NearbyPlanTests(app), IClassFixture<NearbyPlanTests.PostgresPlanApp>;
