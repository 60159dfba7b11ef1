using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Tests.Foundation;

/// <summary>
/// A real PostgreSQL deadlock in an API write (ADR 0012): the request is run again and its work is done once; when
/// every attempt deadlocks, the API answers 503 with Retry-After. PostgreSQL only: SQLite has one writer at a time and
/// waits (busy timeout) instead of deadlocking.
/// </summary>
public sealed class TransientRetryTests(PostgresServer postgres) : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private readonly DeadlockHook hook = new();
    private App app = null!;

    public async ValueTask InitializeAsync()
    {
        app = new App(postgres, hook);
        await app.InitializeAsync();
        hook.ConnectionString = app.ConnectionString;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE TABLE test_collision (id int PRIMARY KEY); INSERT INTO test_collision VALUES (1);", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_request_that_deadlocks_once_is_run_again_and_its_work_is_done_once()
    {
        var admin = await app.AdminClient();
        var name = ApiHelpers.Unique("死锁重试有限公司");
        hook.Arm(1);

        var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name });

        await response.ShouldBe(201);
        Assert.Equal(1, await hook.Collided());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal(1, await CustomersNamed(name));
        Assert.True((await Verify()).Intact);
    }

    [Fact]
    public async Task A_request_that_deadlocks_on_every_attempt_answers_503_with_Retry_After()
    {
        var admin = await app.AdminClient();
        var name = ApiHelpers.Unique("一直死锁有限公司");
        hook.Arm(MaxAttempts);

        var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name });

        await response.ShouldBe(503);
        Assert.Equal(MaxAttempts, await hook.Collided());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal(0, await CustomersNamed(name));
        Assert.True((await Verify()).Intact);

        // The database is fine afterwards: the same request now succeeds.
        await (await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name })).ShouldBe(201);
    }

    private async Task<int> CustomersNamed(string name)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Customer>().CountAsync(c => c.Name == name);
    }

    private async Task<AuditVerification> Verify()
    {
        using var scope = app.Services.CreateScope();
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<KeqingDb>(), CancellationToken.None);
    }

    private sealed class App(PostgresServer postgres, DeadlockHook hook) : KeqingApp(postgres, Provider.Postgres)
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Keqing:Database:Retry:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Keqing:Database:Retry:RetryAfterSeconds", "1");
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(hook));
        }
    }

    /// <summary>
    /// Makes the next armed inserts of a customer collide with another connection in a real deadlock. The request's
    /// transaction holds the audit chain head (its audited save took it first, ADR 0010); the other connection locks a
    /// row, then asks for the head; the request then asks for that row. PostgreSQL aborts the request (its
    /// deadlock_timeout is the shorter), and the other connection gets the head and commits.
    /// </summary>
    private sealed class DeadlockHook : DbCommandInterceptor
    {
        private int armed;
        private readonly List<Task> others = [];
        private int collisions;

        public string ConnectionString { get; set; } = "";

        public void Arm(int times)
        {
            armed = times;
            collisions = 0;
        }

        /// <summary>How many attempts deadlocked, once the other connections are done.</summary>
        public async Task<int> Collided()
        {
            Task[] pending;
            lock (others) pending = [.. others];
            await Task.WhenAll(pending);
            return collisions;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.Transaction is { } transaction && command.CommandText.Contains("INSERT INTO customers (", StringComparison.Ordinal)
                && Interlocked.Decrement(ref armed) >= 0)
                await Collide((NpgsqlConnection)command.Connection!, (NpgsqlTransaction)transaction, cancellationToken);
            return result;
        }

        private async Task Collide(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
        {
            var other = new NpgsqlConnection(ConnectionString);
            await other.OpenAsync(ct);
            var otherTransaction = await other.BeginTransactionAsync(ct);
            await Execute(other, otherTransaction, "SET LOCAL deadlock_timeout = '10s'; SELECT 1 FROM test_collision WHERE id = 1 FOR UPDATE");
            var otherPid = other.ProcessID;
            var wantsHead = Task.Run(async () =>
            {
                await Execute(other, otherTransaction, """SELECT 1 FROM infra_audit_chain_head WHERE "Id" = 1 FOR UPDATE""");
                await otherTransaction.CommitAsync();
                await other.DisposeAsync();
            }, CancellationToken.None);
            lock (others) others.Add(wantsHead);

            // The cycle must be complete when this side starts waiting: PostgreSQL looks for it once, deadlock_timeout later.
            while (!await IsBlocked(connection, transaction, otherPid)) await Task.Delay(10, ct);
            try
            {
                await Execute(connection, transaction, "SET LOCAL deadlock_timeout = '50ms'; SELECT 1 FROM test_collision WHERE id = 1 FOR UPDATE");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
            {
                Interlocked.Increment(ref collisions);
                throw;
            }
            throw new InvalidOperationException("The provoked deadlock did not happen.");
        }

        private static async Task<bool> IsBlocked(NpgsqlConnection connection, NpgsqlTransaction transaction, int pid)
        {
            await using var command = new NpgsqlCommand("SELECT cardinality(pg_blocking_pids(@pid)) > 0", connection, transaction);
            command.Parameters.AddWithValue("pid", pid);
            return await command.ExecuteScalarAsync() is true;
        }

        private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }
    }
}
