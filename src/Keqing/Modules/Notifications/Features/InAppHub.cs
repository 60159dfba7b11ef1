using System.Globalization;
using System.Collections.Concurrent;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keqing.Modules.Notifications.Features;

/// <summary>
/// Tells the open browsers (Blazor circuits) of this app node that a user has new in-app notifications. In-process:
/// on several nodes a circuit on another node hears nothing, so the bell also re-reads its count every 30 seconds.
/// </summary>
public sealed class InAppHub
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<Task>>> listeners = new();

    public IDisposable Subscribe(Guid userId, Func<Task> onNew)
    {
        // The callback re-renders the subscriber's page, so it runs in the subscriber's language, not in that of whoever
        // published (a job, another user's request): the bell's label turned English when an English request notified.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var key = Guid.NewGuid();
        listeners.GetOrAdd(userId, _ => new())[key] = () => InCulture(culture, uiCulture, onNew);
        return new Subscription(() =>
        {
            if (listeners.TryGetValue(userId, out var mine)) mine.TryRemove(key, out _);
        });
    }

    public void Publish(IEnumerable<Guid> userIds)
    {
        foreach (var userId in userIds.Distinct())
        {
            if (!listeners.TryGetValue(userId, out var mine)) continue;
            foreach (var onNew in mine.Values) _ = Safe(onNew);
        }
    }

    // An async method: the cultures set here end with it and never reach the publisher.
    private static async Task InCulture(CultureInfo culture, CultureInfo uiCulture, Func<Task> onNew)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        await onNew();
    }

    private static async Task Safe(Func<Task> onNew)
    {
        try { await onNew(); }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException) { /* the circuit went away */ }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>After a SaveChanges that added in-app notifications, tells <see cref="InAppHub"/> whose bells to refresh.</summary>
public sealed class InAppPublishInterceptor(InAppHub hub) : SaveChangesInterceptor
{
    private List<Guid> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Flush();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => pending = [];

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending = [];
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        pending = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.UserId).ToList();
    }

    private void Flush()
    {
        var users = pending;
        pending = [];
        if (users.Count > 0) hub.Publish(users);
    }
}
