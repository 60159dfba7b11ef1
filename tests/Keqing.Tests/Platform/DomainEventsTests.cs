using System.Collections.Concurrent;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Platform;

/// <summary>
/// Domain events through the real host, on both providers: the before-commit handler writes a notification and its outbox
/// message through INotifier in the change's own transaction; the after-commit handler runs once, only after the commit
/// (it sees the rows from a new scope); on rollback, or a transaction never committed, nothing is written and nothing runs.
/// </summary>
public abstract class DomainEventsTests(DomainEventsTests.EventsApp app)
{
    /// <summary>The test's event: a deal was won by a user.</summary>
    public sealed record DealWon(Guid UserId, string Deal) : IDomainEvent;

    /// <summary>What the after-commit handler saw: the deal and whether its notification was already committed.</summary>
    public sealed class Seen
    {
        public ConcurrentQueue<(string Deal, bool NotificationCommitted)> Calls { get; } = new();
        public HashSet<string> FailAfterCommit { get; } = [];
    }

    /// <summary>Notifies the winner in the same transaction (in-app row and outbox message).</summary>
    public sealed class NotifyWinner(INotifier notifier) : IBeforeCommitHandler<DealWon>
    {
        public Task Handle(DealWon e, CancellationToken ct) => e.Deal == "explodes"
            ? throw new InvalidOperationException("before-commit handler failed")
            : notifier.Notify(new NotificationRequest(EventTypes.ApprovalWaiting, e.UserId, "Deal won: {0}", "", Args: [e.Deal]), ct);
    }

    /// <summary>Records the call; looks for the notification through its own scope's context.</summary>
    public sealed class RecordWin(KeqingDb db, Seen seen) : IDomainEventHandler<DealWon>
    {
        public async Task Handle(DealWon e, CancellationToken ct)
        {
            var committed = await db.Set<Notification>().AnyAsync(n => n.UserId == e.UserId && n.Title == "Deal won: " + e.Deal, ct);
            seen.Calls.Enqueue((e.Deal, committed));
            if (seen.FailAfterCommit.Contains(e.Deal)) throw new InvalidOperationException("after-commit handler failed");
        }
    }

    /// <summary>The host with the test's handlers.</summary>
    public abstract class EventsApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
    {
        protected override void Configure(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Seen>();
            services.AddScoped<IBeforeCommitHandler<DealWon>, NotifyWinner>();
            services.AddScoped<IDomainEventHandler<DealWon>, RecordWin>();
        });
    }

    private Seen Log => app.Services.GetRequiredService<Seen>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> AdminId()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Users
            .Where(u => u.Email == KeqingApp.AdminEmail).Select(u => u.Id).SingleAsync(Ct);
    }

    private async Task<(int Notifications, int Outbox)> Written(string deal)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var title = "Deal won: " + deal;
        return (await db.Set<Notification>().CountAsync(n => n.Title == title, Ct),
            await db.Set<OutboxMessage>().CountAsync(m => m.Title == title, Ct));
    }

    private IEnumerable<string> CallsFor(string deal) => Log.Calls.Where(c => c.Deal == deal).Select(c => $"{c.Deal}:{c.NotificationCommitted}");

    private static async Task EmailOn(AsyncServiceScope scope, Guid userId)
    {
        // The winner takes approvals by email too, so INotifier writes an outbox message as well as the in-app row.
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var settings = await db.Set<NotificationSettings>().FirstOrDefaultAsync(s => s.UserId == userId, Ct);
        if (settings is null) db.Add(settings = new NotificationSettings { UserId = userId });
        settings.SetChannels(new Dictionary<string, IReadOnlyList<Channel>> { [EventTypes.ApprovalWaiting] = [Channel.InApp, Channel.Email] });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task A_plain_save_writes_the_outbox_with_the_change_and_runs_after_commit_handlers_once_after_it()
    {
        var userId = await AdminId();
        await using var scope = app.Services.CreateAsyncScope();
        await EmailOn(scope, userId);
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var events = scope.ServiceProvider.GetRequiredService<DomainEvents>();

        events.Raise(new DealWon(userId, "plain"));
        CallsFor("plain").Should().BeEmpty("nothing runs before the save");
        await db.SaveChangesAsync(Ct);

        (await Written("plain")).Should().Be((1, 1));
        CallsFor("plain").Should().Equal("plain:True");
        events.Pending.Should().Be(0);
        await db.SaveChangesAsync(Ct);
        CallsFor("plain").Should().HaveCount(1, "an event is dispatched once");
    }

    [Fact]
    public async Task Saves_inside_a_caller_transaction_dispatch_when_it_commits()
    {
        var userId = await AdminId();
        await using var scope = app.Services.CreateAsyncScope();
        await EmailOn(scope, userId);
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var events = scope.ServiceProvider.GetRequiredService<DomainEvents>();

        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            events.Raise(new DealWon(userId, "tx-1"));
            await db.SaveChangesAsync(Ct);
            events.Raise(new DealWon(userId, "tx-2"));
            await db.SaveChangesAsync(Ct);
            CallsFor("tx-1").Concat(CallsFor("tx-2")).Should().BeEmpty("the transaction has not committed");
            await tx.CommitAsync(Ct);
        }
        CallsFor("tx-1").Concat(CallsFor("tx-2")).Should().Equal("tx-1:True", "tx-2:True");
        (await Written("tx-1")).Should().Be((1, 1));
        (await Written("tx-2")).Should().Be((1, 1));
    }

    [Fact]
    public async Task Nothing_is_written_and_nothing_runs_on_rollback_or_a_transaction_never_committed()
    {
        var userId = await AdminId();
        await using var scope = app.Services.CreateAsyncScope();
        await EmailOn(scope, userId);
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var events = scope.ServiceProvider.GetRequiredService<DomainEvents>();

        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            events.Raise(new DealWon(userId, "rolled-back"));
            await db.SaveChangesAsync(Ct);
            await tx.RollbackAsync(Ct);
        }
        db.ChangeTracker.Clear();
        await using (await db.Database.BeginTransactionAsync(Ct))
        {
            events.Raise(new DealWon(userId, "abandoned"));
            await db.SaveChangesAsync(Ct);
        } // disposed without commit
        db.ChangeTracker.Clear();

        // A later, committed save of the same scope does not send the dropped events.
        events.Raise(new DealWon(userId, "later"));
        await db.SaveChangesAsync(Ct);

        (await Written("rolled-back")).Should().Be((0, 0));
        (await Written("abandoned")).Should().Be((0, 0));
        CallsFor("rolled-back").Concat(CallsFor("abandoned")).Should().BeEmpty();
        CallsFor("later").Should().Equal("later:True");
    }

    [Fact]
    public async Task A_failing_before_commit_handler_fails_the_save_and_a_failing_after_commit_handler_does_not()
    {
        var userId = await AdminId();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            scope.ServiceProvider.GetRequiredService<DomainEvents>().Raise(new DealWon(userId, "explodes"));
            await FluentActions.Awaiting(() => db.SaveChangesAsync(Ct)).Should().ThrowAsync<InvalidOperationException>();
        }
        CallsFor("explodes").Should().BeEmpty();

        Log.FailAfterCommit.Add("after-fails");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            scope.ServiceProvider.GetRequiredService<DomainEvents>().Raise(new DealWon(userId, "after-fails"));
            await db.SaveChangesAsync(Ct);
        }
        (await Written("after-fails")).Notifications.Should().Be(1);
        CallsFor("after-fails").Should().Equal("after-fails:True");
    }
}

public sealed class SqliteEventsApp(PostgresServer postgres) : DomainEventsTests.EventsApp(postgres, Provider.Sqlite);
public sealed class PostgresEventsApp(PostgresServer postgres) : DomainEventsTests.EventsApp(postgres, Provider.Postgres);
public sealed class DomainEventsTestsOnSqlite(SqliteEventsApp app) : DomainEventsTests(app), IClassFixture<SqliteEventsApp>;
public sealed class DomainEventsTestsOnPostgres(PostgresEventsApp app) : DomainEventsTests(app), IClassFixture<PostgresEventsApp>;
