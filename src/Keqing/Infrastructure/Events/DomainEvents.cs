using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keqing.Infrastructure.Events;

/// <summary>Something that happened in the domain (a lead assigned, a case breached its SLA); a record, past tense.</summary>
public interface IDomainEvent;

/// <summary>
/// Reacts to <typeparamref name="TEvent"/> after the change that raised it has committed: in its own DI scope (its own
/// KeqingDb, acting as the same user), never on rollback. A failure is logged; it cannot undo the commit.
/// Use it for in-process reactions (caches, live updates, a follow-up unit of work).
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task Handle(TEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// Reacts to <typeparamref name="TEvent"/> inside the raising unit of work, before it commits: what it adds to the scope's
/// KeqingDb (an outbox message through INotifier, a counter) commits or rolls back with the change itself; throwing
/// fails the save. Anything that leaves the process (email, webhooks) goes this way, as an outbox row, never directly.
/// </summary>
public interface IBeforeCommitHandler<in TEvent> where TEvent : IDomainEvent
{
    Task Handle(TEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// The events a unit of work (a DI scope: a request, a UI operation, a job run) raised. They go with the scope's next
/// SaveChanges: before-commit handlers run inside it, after-commit handlers once its transaction — the caller's own,
/// when it wraps several saves in one — has committed. A rolled-back (or never committed) transaction drops them.
/// </summary>
public sealed class DomainEvents
{
    /// <summary>Raised, not yet seen by the before-commit handlers.</summary>
    private readonly List<IDomainEvent> raised = [];
    /// <summary>Through the before-commit handlers; written by the save under way (or by the retry of a failed save).</summary>
    private readonly List<IDomainEvent> saving = [];
    /// <summary>Saved inside a transaction that has not committed yet.</summary>
    private readonly List<(DbContext Db, DbTransaction Transaction, IDomainEvent Event)> awaitingCommit = [];

    public void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        raised.Add(domainEvent);
    }

    /// <summary>Events raised and not yet committed or dropped (for tests and diagnostics).</summary>
    public int Pending => raised.Count + saving.Count + awaitingCommit.Count;

    internal List<IDomainEvent> TakeRaised()
    {
        var taken = raised.ToList();
        raised.Clear();
        return taken;
    }

    internal void Saving(IEnumerable<IDomainEvent> events) => saving.AddRange(events);

    /// <summary>The save succeeded: its events wait for <paramref name="transaction"/>, or are committed already (null).</summary>
    internal List<IDomainEvent> Saved(DbContext db, DbTransaction? transaction)
    {
        var events = saving.ToList();
        saving.Clear();
        if (transaction is null) return events;
        awaitingCommit.AddRange(events.Select(e => (db, transaction, e)));
        return [];
    }

    internal List<IDomainEvent> Committed(DbTransaction transaction)
    {
        var events = awaitingCommit.Where(a => a.Transaction == transaction).Select(a => a.Event).ToList();
        awaitingCommit.RemoveAll(a => a.Transaction == transaction);
        return events;
    }

    internal void RolledBack(DbTransaction transaction)
    {
        awaitingCommit.RemoveAll(a => a.Transaction == transaction);
        // The failed save's events belonged to the rolled-back work; a retry of the work raises them again.
        saving.Clear();
    }

    /// <summary>Drops events bound to a transaction of <paramref name="db"/> that ended without committing (disposed).</summary>
    internal void DropAbandoned(DbContext db)
    {
        var current = db.Database.CurrentTransaction?.GetDbTransaction();
        awaitingCommit.RemoveAll(a => a.Db == db && a.Transaction != current);
    }
}
