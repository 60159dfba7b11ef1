using System.Collections.Concurrent;
using System.Data.Common;
using Keqing.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keqing.Infrastructure.Events;

/// <summary>
/// Runs the before-commit handlers of the scope's raised events at the start of SaveChanges, so what they add is saved,
/// audited and chained with the change. Registered before the audit interceptor.
/// </summary>
public sealed class DomainEventsBeforeSave(DomainEvents events, IServiceProvider services) : SaveChangesInterceptor
{
    /// <summary>Handlers may raise events in turn; a cycle stops here instead of looping for ever.</summary>
    private const int MaxRounds = 10;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RunAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunAsync(eventData.Context, cancellationToken);
        return result;
    }

    private async Task RunAsync(DbContext? db, CancellationToken ct)
    {
        if (db is not null) events.DropAbandoned(db);
        for (var round = 0; ; round++)
        {
            var batch = events.TakeRaised();
            if (batch.Count == 0) return;
            if (round == MaxRounds)
                throw new InvalidOperationException($"Before-commit handlers kept raising events ({MaxRounds} rounds): {batch[0].GetType().Name} …");
            foreach (var domainEvent in batch) await HandlerInvoker.For(domainEvent).BeforeCommit(services, domainEvent, ct);
            events.Saving(batch);
        }
    }
}

/// <summary>
/// Sends the scope's events to the after-commit handlers once their changes are committed: right after SaveChanges when
/// the save had no caller transaction (registered after the audit chain, whose own transaction has committed by then),
/// else when the caller's transaction commits; drops them on rollback.
/// </summary>
public sealed class DomainEventsAfterCommit(DomainEvents events, IServiceScopeFactory scopes, CurrentUser user,
    ILogger<DomainEventsAfterCommit> log) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db) DispatchAsync(events.Saved(db, Current(db))).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await DispatchAsync(events.Saved(db, Current(db)));
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        DispatchAsync(events.Committed(transaction)).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        DispatchAsync(events.Committed(transaction));

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => events.RolledBack(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        events.RolledBack(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => events.RolledBack(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        events.RolledBack(transaction);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is { } db) events.DropAbandoned(db);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) events.DropAbandoned(db);
        return ValueTask.FromResult(result);
    }

    private static DbTransaction? Current(DbContext db) => db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>
    /// Each handler in a scope of its own (the raising context may still be inside its commit), acting as the same user.
    /// Not cancelled with the request: the change is committed, so its consequences run.
    /// </summary>
    private async Task DispatchAsync(List<IDomainEvent> committed)
    {
        foreach (var domainEvent in committed)
            await HandlerInvoker.For(domainEvent).AfterCommit(scopes, user.Principal, domainEvent, log);
    }
}

/// <summary>Calls the handlers of one event type (resolved by the event's runtime type).</summary>
internal abstract class HandlerInvoker
{
    private static readonly ConcurrentDictionary<Type, HandlerInvoker> Invokers = new();

    public static HandlerInvoker For(IDomainEvent domainEvent) => Invokers.GetOrAdd(domainEvent.GetType(),
        type => (HandlerInvoker)Activator.CreateInstance(typeof(HandlerInvoker<>).MakeGenericType(type))!);

    public abstract Task BeforeCommit(IServiceProvider services, IDomainEvent domainEvent, CancellationToken ct);

    public abstract Task AfterCommit(IServiceScopeFactory scopes, System.Security.Claims.ClaimsPrincipal principal, IDomainEvent domainEvent, ILogger log);
}

internal sealed class HandlerInvoker<TEvent> : HandlerInvoker where TEvent : IDomainEvent
{
    public override async Task BeforeCommit(IServiceProvider services, IDomainEvent domainEvent, CancellationToken ct)
    {
        foreach (var handler in services.GetServices<IBeforeCommitHandler<TEvent>>()) await handler.Handle((TEvent)domainEvent, ct);
    }

    public override async Task AfterCommit(IServiceScopeFactory scopes, System.Security.Claims.ClaimsPrincipal principal, IDomainEvent domainEvent, ILogger log)
    {
        int count;
        using (var probe = scopes.CreateScope()) count = probe.ServiceProvider.GetServices<IDomainEventHandler<TEvent>>().Count();
        for (var i = 0; i < count; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
            var handler = scope.ServiceProvider.GetServices<IDomainEventHandler<TEvent>>().ElementAt(i);
            try
            {
                await handler.Handle((TEvent)domainEvent, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "After-commit handler {Handler} failed for {Event}; the change it reacts to stays committed.",
                    handler.GetType().Name, typeof(TEvent).Name);
            }
        }
    }
}
