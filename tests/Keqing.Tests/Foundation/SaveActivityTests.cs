using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Foundation;

/// <summary>
/// A save waiting for SQLite's single write lock counts as under way, so a long writer (an import) lets it through
/// between two batches; every save, failed or not, is counted out again.
/// </summary>
public sealed class SaveActivityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static Team NewTeam() => new() { Name = "团队" + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };

    [Fact]
    public async Task A_save_waiting_for_the_write_lock_is_seen_and_every_save_is_counted_out()
    {
        var activity = app.Services.GetRequiredService<SaveActivity>();
        string connectionString;
        await using (var scope = app.Services.CreateAsyncScope())
            connectionString = scope.ServiceProvider.GetRequiredService<KeqingDb>().Database.GetConnectionString()!;

        // Another writer holds the lock, as an import's batch does.
        await using var holder = new SqliteConnection(connectionString);
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        var save = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            db.Add(NewTeam());
            await db.SaveChangesAsync();
        });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (activity.InFlight == 0 && DateTime.UtcNow < deadline) await Task.Delay(5);
        activity.InFlight.Should().BeGreaterThan(0, "the save is under way while it waits");
        save.IsCompleted.Should().BeFalse();

        var yielding = activity.LetWaitingSavesThrough(TimeSpan.FromSeconds(5), default);
        await Task.Delay(50);
        yielding.IsCompleted.Should().BeFalse("the long writer waits while a save is waiting");
        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }
        await save;
        await yielding;
        activity.InFlight.Should().Be(0);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var team = NewTeam();
            db.Add(team);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.Add(new Team { Id = team.Id, Name = team.Name, CreatedAt = team.CreatedAt }); // the same key again
            var failing = () => db.SaveChangesAsync();
            await failing.Should().ThrowAsync<DbUpdateException>();
        }
        activity.InFlight.Should().Be(0, "a failed save is counted out too");
    }
}
