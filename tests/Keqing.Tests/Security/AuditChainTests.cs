using System.Diagnostics;
using System.Net.Http.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Security;

/// <summary>
/// The audit log (DOMAIN P5) is append-only and hash-chained on both providers: every row gets the next sequence
/// number, concurrent writers never fork the chain, the database refuses UPDATE and DELETE, and tampering (after
/// dropping the triggers, as a DBA could) is found by the verifier, which names the first broken row.
/// </summary>
public abstract class AuditChainTests(PostgresServer postgres, Provider provider)
{
    private async Task<KeqingApp> StartApp()
    {
        KeqingApp app = provider == Provider.Sqlite ? new SqliteApp(postgres) : new PostgresApp(postgres);
        await app.InitializeAsync();
        return app;
    }

    private static async Task<AuditVerification> Verify(KeqingApp app)
    {
        using var scope = app.Services.CreateScope();
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<KeqingDb>(), CancellationToken.None);
    }

    private static async Task Sql(KeqingApp app, string sql)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<List<AuditEntry>> Rows(KeqingApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
    }

    /// <summary>Some audited history: a rep, customers created and changed.</summary>
    private static async Task<HttpClient> MakeHistory(KeqingApp app, int customers = 3)
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        for (var i = 0; i < customers; i++)
            await CustomerApiTests.Create(rep, new { kind = "organization", name = $"审计链{i}有限公司" });
        return rep;
    }

    private string DropTriggers => provider == Provider.Sqlite
        ? "DROP TRIGGER infra_audit_entries_no_update; DROP TRIGGER infra_audit_entries_no_delete;"
        : "DROP TRIGGER infra_audit_entries_append_only ON infra_audit_entries;";

    [Fact]
    public async Task Every_row_is_chained_in_sequence_and_the_chain_verifies()
    {
        await using var app = await StartApp();
        await MakeHistory(app);
        var rows = await Rows(app);
        rows.Should().HaveCountGreaterThan(3);
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i));
        var previous = AuditChain.Genesis;
        foreach (var row in rows)
        {
            row.Hash.Should().Equal(AuditChain.HashOf(previous, row));
            previous = row.Hash;
        }
        var verification = await Verify(app);
        verification.Intact.Should().BeTrue(verification.Summary);
        verification.RowsChecked.Should().Be(rows.Count);
        verification.Summary.Should().Contain("chain intact").And.Contain(Convert.ToHexStringLower(previous));
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        await using var app = await StartApp();
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var reps = new List<HttpClient>();
        for (var i = 0; i < 4; i++) reps.Add(await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email));
        // A second node on the same database writes at the same time as the first.
        await using var nodeB = provider == Provider.Sqlite ? null : new SecondNode(app);
        var writers = reps.SelectMany((rep, r) => Enumerable.Range(0, 8).Select(i =>
            rep.PostAsJsonAsync("/api/customers", new { kind = "person", name = $"并发{r}-{i}" })));
        if (nodeB is not null)
        {
            var nodeBClient = nodeB.CreateClient();
            nodeBClient.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            writers = writers.Concat(Enumerable.Range(0, 8).Select(i =>
                nodeBClient.PostAsJsonAsync("/api/customers", new { kind = "person", name = $"节点B-{i}" })));
        }
        var responses = await Task.WhenAll(writers);
        foreach (var response in responses) await response.ShouldBe(201);

        var rows = await Rows(app);
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i));
        (await Verify(app)).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task Rows_a_module_adds_itself_are_chained_and_a_failed_save_leaves_no_gap()
    {
        await using var app = await StartApp();
        await MakeHistory(app, customers: 1);
        using (var scope = app.Services.CreateScope())
        {
            // As the privacy module records a view: an AuditEntry added directly, not by the interceptor.
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            db.AuditEntries.Add(new AuditEntry
            {
                EntityType = "Customer", EntityId = Guid.NewGuid(), Action = AuditAction.Updated, At = DateTime.UtcNow,
                Changes = """[{"field":"Phones","old":null,"new":"viewed"}]""",
            });
            await db.SaveChangesAsync();
        }
        var admin = await app.AdminClient();
        var name = ApiHelpers.Unique("同名");
        await (await admin.PostAsJsonAsync("/api/teams", new { name })).ShouldBe(201);
        using (var scope = app.Services.CreateScope())
        {
            // A save that fails in the database (unique name) after its audit row was chained: all of it rolls back.
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            db.Set<Keqing.Modules.Identity.Domain.Team>().Add(new Keqing.Modules.Identity.Domain.Team { Name = name, CreatedAt = DateTime.UtcNow });
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
            // The chain's own transaction ended with the failure, so the same context goes on and chains on without a gap.
            db.Database.CurrentTransaction.Should().BeNull();
            db.ChangeTracker.Clear();
            db.Set<Keqing.Modules.Identity.Domain.Team>().Add(new Keqing.Modules.Identity.Domain.Team { Name = ApiHelpers.Unique("同一上下文"), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        using (var scope = app.Services.CreateScope())
        {
            // The same inside the caller's own transaction, which goes on after the failure and commits.
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Set<Keqing.Modules.Identity.Domain.Team>().Add(new Keqing.Modules.Identity.Domain.Team { Name = name, CreatedAt = DateTime.UtcNow });
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
            db.ChangeTracker.Clear();
            db.Set<Keqing.Modules.Identity.Domain.Team>().Add(new Keqing.Modules.Identity.Domain.Team { Name = ApiHelpers.Unique("调用方事务"), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await (await admin.PostAsJsonAsync("/api/teams", new { name = ApiHelpers.Unique("之后") })).ShouldBe(201);

        var rows = await Rows(app);
        rows.Should().Contain(r => r.Changes.Contains("viewed"));
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i));
        (await Verify(app)).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_rows()
    {
        await using var app = await StartApp();
        await MakeHistory(app, customers: 1);
        var update = () => Sql(app, "UPDATE infra_audit_entries SET \"Changes\" = '[]'");
        var delete = () => Sql(app, "DELETE FROM infra_audit_entries");
        var rewind = () => Sql(app, "UPDATE infra_audit_chain_head SET \"LastSequence\" = 0");
        (await update.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        (await delete.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        (await rewind.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("only moves forward");
        (await Verify(app)).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task An_edited_row_is_named_as_the_first_broken_one()
    {
        await using var app = await StartApp();
        await MakeHistory(app);
        var victim = (await Rows(app))[2];
        await Sql(app, DropTriggers);
        await Sql(app, $"UPDATE infra_audit_entries SET \"Changes\" = '[]' WHERE \"Sequence\" = {victim.Sequence}");

        var verification = await Verify(app);
        verification.Intact.Should().BeFalse();
        verification.BrokenSequence.Should().Be(victim.Sequence);
        verification.BrokenRowId.Should().Be(victim.Id);
        verification.Summary.Should().Contain($"sequence {victim.Sequence}").And.Contain(victim.Id.ToString());
    }

    [Fact]
    public async Task A_deleted_row_is_found_whether_in_the_middle_or_at_the_end()
    {
        await using var app = await StartApp();
        await MakeHistory(app);
        var rows = await Rows(app);
        await Sql(app, DropTriggers);
        await Sql(app, $"DELETE FROM infra_audit_entries WHERE \"Sequence\" = {rows[^1].Sequence}");
        var tail = await Verify(app);
        tail.Intact.Should().BeFalse();
        tail.Problem.Should().Contain("head");

        await Sql(app, $"DELETE FROM infra_audit_entries WHERE \"Sequence\" = 2");
        var middle = await Verify(app);
        middle.BrokenSequence.Should().Be(2);
        middle.Problem.Should().Contain("missing");
    }

    [Fact]
    [Trait("Category", "Slow")] // runs the app as a process, twice
    public async Task Verify_audit_command_exits_zero_when_intact_and_non_zero_naming_the_row_when_tampered()
    {
        await using var app = await StartApp();
        await MakeHistory(app);
        var (code, output) = await RunVerifyCommand(app);
        code.Should().Be(0, output);
        output.Should().Contain("chain intact");

        var victim = (await Rows(app))[1];
        await Sql(app, DropTriggers);
        await Sql(app, $"UPDATE infra_audit_entries SET \"UserId\" = NULL WHERE \"Sequence\" = {victim.Sequence}");
        (code, output) = await RunVerifyCommand(app);
        code.Should().NotBe(0, output);
        output.Should().Contain("CHAIN BROKEN").And.Contain($"sequence {victim.Sequence}").And.Contain(victim.Id.ToString());
    }

    [Fact]
    public async Task A_database_with_audit_rows_from_before_the_chain_upgrades_and_its_rows_are_sealed_in_order()
    {
        await using var app = new LegacyApp(postgres, provider);
        await app.InitializeAsync(); // migrates to the latest and seals, as any start of an existing install

        var rows = await Rows(app);
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i));
        rows.Should().AllSatisfy(r => r.Hash.Should().HaveCount(32));
        // The legacy rows come first, in the order they were written (At, then Id); the seeded admin's rows chain on.
        var legacy = LegacyApp.LegacyRows.OrderBy(r => r.At).ThenBy(r => r.Id.ToString("D"), StringComparer.Ordinal).ToList();
        rows.Take(legacy.Count).Select(r => r.Id).Should().Equal(legacy.Select(r => r.Id));
        rows.Take(legacy.Count).Select(r => r.Changes).Should().Equal(legacy.Select(r => r.Changes));
        rows.Should().HaveCountGreaterThan(legacy.Count, "the first start's seeding writes audited rows after the upgrade");
        var previous = AuditChain.Genesis;
        foreach (var row in rows)
        {
            row.Hash.Should().Equal(AuditChain.HashOf(previous, row));
            previous = row.Hash;
        }
        var verification = await Verify(app);
        verification.Intact.Should().BeTrue(verification.Summary);

        // New audited saves chain on from the sealed head.
        await MakeHistory(app, customers: 2);
        var after = await Rows(app);
        after.Should().HaveCountGreaterThan(rows.Count);
        after.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, after.Count).Select(i => (long)i));
        (await Verify(app)).Intact.Should().BeTrue();

        // Sealed rows are as unchangeable as any: neither their content nor their (now filled) hash may change.
        var edit = () => Sql(app, "UPDATE infra_audit_entries SET \"Changes\" = '[]' WHERE \"Sequence\" = 1");
        var rehash = () => Sql(app, provider == Provider.Sqlite
            ? "UPDATE infra_audit_entries SET \"Hash\" = randomblob(32) WHERE \"Sequence\" = 2"
            : "UPDATE infra_audit_entries SET \"Hash\" = sha256('forged') WHERE \"Sequence\" = 2");
        var delete = () => Sql(app, "DELETE FROM infra_audit_entries WHERE \"Sequence\" = 3");
        (await edit.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        (await rehash.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        (await delete.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");

        // And tampering with a legacy row is found like any other.
        await Sql(app, DropTriggers);
        await Sql(app, "UPDATE infra_audit_entries SET \"Changes\" = '[]' WHERE \"Sequence\" = 2");
        var tampered = await Verify(app);
        tampered.Intact.Should().BeFalse();
        tampered.BrokenSequence.Should().Be(2);
    }

    [Fact]
    public async Task Before_sealing_only_filling_an_empty_hash_is_let_through_and_nothing_is_appended()
    {
        var (connectionString, cleanup) = await FreshDatabase();
        try
        {
            await using (var db = PlainContext(provider, connectionString))
            {
                await LegacyApp.MigrateBeforeTheChain(db);
                await LegacyApp.InsertLegacyRows(db);
                await db.Database.MigrateAsync(); // the migration alone: rows numbered, hashes still empty
                var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
                rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i));
                rows.Should().AllSatisfy(r => r.Hash.Should().BeEmpty());
                (await db.Set<AuditChainHead>().AsNoTracking().SingleAsync()).LastSequence.Should().Be(rows.Count);

                var fillAndEdit = () => db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite
                    ? "UPDATE infra_audit_entries SET \"Hash\" = randomblob(32), \"Changes\" = '[]' WHERE \"Sequence\" = 1"
                    : "UPDATE infra_audit_entries SET \"Hash\" = sha256('x'), \"Changes\" = '[]' WHERE \"Sequence\" = 1");
                var renumber = () => db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite
                    ? "UPDATE infra_audit_entries SET \"Hash\" = randomblob(32), \"Sequence\" = 99 WHERE \"Sequence\" = 1"
                    : "UPDATE infra_audit_entries SET \"Hash\" = sha256('x'), \"Sequence\" = 99 WHERE \"Sequence\" = 1");
                var delete = () => db.Database.ExecuteSqlRawAsync("DELETE FROM infra_audit_entries WHERE \"Sequence\" = 1");
                (await fillAndEdit.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
                (await renumber.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
                (await delete.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");

                // An append before sealing would chain from nothing: the chain interceptor refuses it.
                var appending = PlainContext(provider, connectionString, new AuditChainInterceptor());
                await using (appending)
                {
                    appending.AuditEntries.Add(new AuditEntry
                    {
                        EntityType = "Customer", EntityId = Guid.NewGuid(), Action = AuditAction.Viewed, At = DateTime.UtcNow, Changes = "[]",
                    });
                    var append = () => appending.SaveChangesAsync();
                    (await append.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("not sealed");
                }

                (await AuditChainSealer.SealAsync(db, CancellationToken.None)).Should().Be(rows.Count);
                (await AuditChainSealer.SealAsync(db, CancellationToken.None)).Should().Be(0, "a second start finds nothing to seal");
                var verification = await AuditVerifier.VerifyAsync(db, CancellationToken.None);
                verification.Intact.Should().BeTrue(verification.Summary);
                verification.RowsChecked.Should().Be(rows.Count);
            }
        }
        finally { cleanup(); }
    }

    private async Task<(string ConnectionString, Action Cleanup)> FreshDatabase()
    {
        if (provider == Provider.Postgres) return (await postgres.CreateDatabaseAsync(), () => { });
        var file = Path.Combine(Path.GetTempPath(), $"keqing-test-{Guid.NewGuid():N}.db");
        return ($"Data Source={file}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        });
    }

    /// <summary>A context on the database without the app's services: what a previous version's schema needs.</summary>
    internal static KeqingDb PlainContext(Provider provider, string connectionString,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        provider == Provider.Sqlite
            ? new SqliteKeqingDb(new DbContextOptionsBuilder<SqliteKeqingDb>()
                .UseSqlite(connectionString, s => s.MigrationsHistoryTable("__migrations")).AddInterceptors(interceptors).Options)
            : new PostgresKeqingDb(new DbContextOptionsBuilder<PostgresKeqingDb>()
                .UseNpgsql(connectionString, n => n.MigrationsHistoryTable("__migrations")).AddInterceptors(interceptors).Options);

    /// <summary>
    /// An install of the version before the chain: its database migrated up to the migration before SecurityHardening,
    /// with audit rows in it (written out of order, two at the same instant, one by a user), then started as usual.
    /// </summary>
    private sealed class LegacyApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
    {
        public static readonly DateTime Base = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

        public static List<AuditEntry> LegacyRows { get; } =
        [
            Row(Base.AddMinutes(5), "[{\"field\":\"Name\",\"old\":null,\"new\":\"三\"}]"),
            Row(Base.AddTicks(12_345_678), "[{\"field\":\"Name\",\"old\":null,\"new\":\"一\"}]", Guid.NewGuid()),
            Row(Base.AddMinutes(2), "[{\"field\":\"Name\",\"old\":null,\"new\":\"二a\"}]"),
            Row(Base.AddMinutes(2), "[{\"field\":\"Name\",\"old\":null,\"new\":\"二b\"}]"),
            Row(Base.AddDays(1), "[{\"field\":\"Name\",\"old\":\"三\",\"new\":\"四\"}]"),
        ];

        private static AuditEntry Row(DateTime at, string changes, Guid? userId = null) => new()
        {
            Id = Guid.NewGuid(), EntityType = "Customer", EntityId = Guid.NewGuid(), Action = AuditAction.Updated,
            UserId = userId, At = at, Changes = changes,
        };

        public static async Task MigrateBeforeTheChain(KeqingDb db)
        {
            var migrations = db.Database.GetMigrations().ToList();
            var chain = migrations.FindIndex(m => m.EndsWith("_SecurityHardening", StringComparison.Ordinal));
            chain.Should().BePositive();
            await db.GetService<IMigrator>().MigrateAsync(migrations[chain - 1]);
        }

        public static async Task InsertLegacyRows(KeqingDb db)
        {
            foreach (var r in LegacyRows)
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO infra_audit_entries ("Id", "EntityType", "EntityId", "Action", "UserId", "At", "Changes")
                    VALUES ({r.Id}, {r.EntityType}, {r.EntityId}, {r.Action.ToString()}, {r.UserId}, {r.At}, {r.Changes})
                    """);
        }

        protected override bool StartsFromEmptyDatabase => true;

        protected override async ValueTask PrepareDatabaseAsync(string connectionString)
        {
            await using var db = PlainContext(Provider, connectionString);
            await MigrateBeforeTheChain(db);
            await InsertLegacyRows(db);
        }
    }

    /// <summary>Runs the built app with <c>--verify-audit</c> against the test database, as an operator would.</summary>
    private async Task<(int Code, string Output)> RunVerifyCommand(KeqingApp app)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--verify-audit"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment =
            {
                ["Keqing__Database__Provider"] = provider == Provider.Sqlite ? "sqlite" : "postgres",
                ["ConnectionStrings__Keqing"] = app.ConnectionString,
                ["KEQING_ADMIN_PASSWORD"] = KeqingApp.AdminPassword,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Keqing__Jobs__Enabled"] = "false",
                ["Keqing__Outbox__Enabled"] = "false",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Another app node on the same PostgreSQL database.</summary>
    private sealed class SecondNode(KeqingApp first) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Keqing:Database:Provider", DatabaseOptions.Postgres);
            builder.UseSetting("ConnectionStrings:Keqing", first.ConnectionString);
            builder.UseSetting("KEQING_ADMIN_PASSWORD", KeqingApp.AdminPassword);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Keqing:Jobs:Enabled", "false");
            builder.UseSetting("Keqing:Outbox:Enabled", "false");
            builder.UseEnvironment("Testing");
        }
    }
}

public sealed class AuditChainTestsOnSqlite(PostgresServer postgres) : AuditChainTests(postgres, Provider.Sqlite);
public sealed class AuditChainTestsOnPostgres(PostgresServer postgres) : AuditChainTests(postgres, Provider.Postgres);
