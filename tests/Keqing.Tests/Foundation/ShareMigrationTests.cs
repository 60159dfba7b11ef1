using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Foundation;

/// <summary>
/// Issue 13 item 15 on an existing install: shares repeated before the DailyWork migration (its hand-written SQL) are
/// reduced to one per grantee and record, the read-write one first, then the oldest, so the unique indexes build.
/// </summary>
public abstract class ShareMigrationTests(PostgresServer postgres, Provider provider)
{
    private static readonly Guid Record = Guid.NewGuid(), User = Guid.NewGuid(), Team = Guid.NewGuid();
    private static readonly DateTime At = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    // (id, user, team, can write, created): the user's read-write share and the team's oldest share survive.
    private static readonly (Guid Id, Guid? User, Guid? Team, bool CanWrite, DateTime Created)[] Shares =
    [
        (Guid.NewGuid(), User, null, false, At),
        (Guid.NewGuid(), User, null, true, At.AddDays(2)),
        (Guid.NewGuid(), User, null, false, At.AddDays(1)),
        (Guid.NewGuid(), null, Team, false, At.AddDays(3)),
        (Guid.NewGuid(), null, Team, false, At.AddDays(1)),
    ];

    [Fact]
    public async Task Repeated_shares_become_one_per_grantee_and_the_widest_then_oldest_is_kept()
    {
        await using var app = new LegacySharesApp(postgres, provider);
        await app.InitializeAsync(); // migrates to the latest, as any start of an existing install

        await using var scope = app.Services.CreateAsyncScope();
        var left = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<RecordShare>().AsNoTracking()
            .Where(s => s.RecordId == Record).Select(s => s.Id).ToListAsync();
        left.Should().BeEquivalentTo([Shares[1].Id, Shares[4].Id]);
    }

    private sealed class LegacySharesApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
    {
        protected override bool StartsFromEmptyDatabase => true;

        protected override async ValueTask PrepareDatabaseAsync(string connectionString)
        {
            await using var db = Security.AuditChainTests.PlainContext(Provider, connectionString);
            var migrations = db.Database.GetMigrations().ToList();
            var dailyWork = migrations.FindIndex(m => m.EndsWith("_DailyWork", StringComparison.Ordinal));
            dailyWork.Should().BePositive();
            await db.GetService<IMigrator>().MigrateAsync(migrations[dailyWork - 1]);
            foreach (var s in Shares)
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO identity_record_shares ("Id", "RecordType", "RecordId", "UserId", "TeamId", "CanWrite", "CreatedAt")
                    VALUES ({s.Id}, {"customers.customer"}, {Record}, {s.User}, {s.Team}, {s.CanWrite}, {s.Created})
                    """);
        }
    }
}

public sealed class ShareMigrationTestsOnSqlite(PostgresServer postgres) : ShareMigrationTests(postgres, Provider.Sqlite);
public sealed class ShareMigrationTestsOnPostgres(PostgresServer postgres) : ShareMigrationTests(postgres, Provider.Postgres);
