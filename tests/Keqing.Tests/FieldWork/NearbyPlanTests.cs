using System.Collections.Concurrent;
using System.Data.Common;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// "Customers near me" reads its bounding box from the location index on both providers: the statement the app sends
/// for <c>GET /api/customers/nearby</c> (caught on its way to the database) is planned by the database itself, SQLite's
/// EXPLAIN QUERY PLAN searching IX_customers_live_Location by latitude, PostgreSQL's EXPLAIN with sequential scans
/// priced out giving that index an Index Cond on the latitude (were the box not sargable, the plan would still scan).
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
        for (var i = 0; i < 30; i++)
        {
            var customer = await admin.NewCustomer();
            await admin.Place(customer.Id, 31.1 + i * 0.01, 121.3 + i * 0.01);
        }
        app.Statements.Seen.Clear();
        (await admin.Nearby(31.2304, 121.4737, 10)).Should().NotBeEmpty();
        app.Statements.Seen.Should().ContainSingle("the nearby customers come from one statement");
        var (sql, parameters) = app.Statements.Seen.Single();

        var plan = await Explain(sql, parameters);
        plan.Should().Contain(LocationIndex, $"the box is read from the location index; the plan was:\n{plan}");
        if (app.Provider == Provider.Sqlite) plan.Should().Contain("Latitude>");
        else plan.Should().Contain("Index Cond").And.Contain("\"Latitude\" >=");
    }

    private async Task<string> Explain(string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        DbConnection connection = app.Provider == Provider.Sqlite ? new SqliteConnection(app.ConnectionString) : new NpgsqlConnection(app.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            if (app.Provider == Provider.Postgres)
            {
                await using var off = connection.CreateCommand();
                off.CommandText = "SET enable_seqscan = off";
                await off.ExecuteNonQueryAsync();
            }
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
