using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications.Jobs;

/// <summary>
/// Delivers due outbox messages, safely on any number of app nodes: a node claims a batch with one conditional UPDATE
/// (pending, due, and not under another node's unexpired lease), so two nodes never hold the same message; it delivers,
/// then marks the message delivered (never picked again) or schedules the next attempt with exponential backoff and the
/// robot's error code. A node that dies mid-batch leaves its messages to whoever claims them after the lease.
/// </summary>
/// <remarks>
/// At-least-once at the network edge: only a crash after the robot accepted a post and before the "delivered" write
/// commits can repeat a post — nothing else does.
/// </remarks>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log)
{
    private readonly string node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Delivers every message due now; returns how many attempts were made.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var attempts = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await Claim(null, ct);
            foreach (var message in batch) await Deliver(message, ct);
            attempts += batch.Count;
            if (batch.Count < Math.Max(1, options.Value.BatchSize)) break;
        }
        return attempts;
    }

    /// <summary>
    /// Delivers one pending message now, due or not, in one attempt without retries (an admin's "send test": the answer is
    /// shown at once); null when another node holds it or it is done.
    /// </summary>
    public async Task<DeliveryResult?> DispatchOneAsync(Guid id, CancellationToken ct)
    {
        var batch = await Claim(id, ct);
        return batch.Count == 0 ? null : await Deliver(batch[0], ct, retry: false);
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base × 2^(attempts − 1), at most an hour.</summary>
    public static TimeSpan Backoff(int attempts, int baseSeconds)
    {
        var seconds = baseSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
    }

    private async Task<List<OutboxMessage>> Claim(Guid? id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        var claim = Clip($"{Guid.NewGuid():N}@{node}", 100);
        var outbox = db.Set<OutboxMessage>();

        var free = outbox.Where(m => m.Status == DeliveryStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now));
        var candidates = id is { } one ? free.Where(m => m.Id == one) : free.Where(m => m.DueAt <= now);
        var ids = await candidates.OrderBy(m => m.DueAt).ThenBy(m => m.Id).Select(m => m.Id)
            .Take(Math.Max(1, options.Value.BatchSize)).ToListAsync(ct);
        if (ids.Count == 0) return [];

        // The claim: the same conditions again in one UPDATE, so of two nodes racing for a row only one matches it.
        await outbox.Where(m => ids.Contains(m.Id) && m.Status == DeliveryStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntil, until), ct);
        return await outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LeaseOwner == claim)
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id).ToListAsync(ct);
    }

    private async Task<DeliveryResult> Deliver(OutboxMessage message, CancellationToken ct, bool retry = true)
    {
        await using var scope = scopes.CreateAsyncScope();
        DeliveryResult result;
        try
        {
            result = message.Channel switch
            {
                Channel.Email => await scope.ServiceProvider.GetRequiredService<EmailSender>().Send(message, ct),
                Channel.WeCom or Channel.DingTalk or Channel.Feishu =>
                    await scope.ServiceProvider.GetRequiredService<RobotSender>().Send(message, ct),
                _ => DeliveryResult.Fail("channel", $"The {message.Channel} channel is not delivered through the outbox.", retry: false),
            };
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Delivering outbox message {Id} failed", message.Id);
            result = DeliveryResult.Fail("error", e.Message);
        }

        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.LeaseOwner == message.LeaseOwner);
        int updated;
        if (result.Delivered)
        {
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, DeliveryStatus.Delivered).SetProperty(m => m.DeliveredAt, now)
                .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        else
        {
            var giveUp = !retry || !result.Retry || attempts >= options.Value.MaxAttempts;
            var status = giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            var due = giveUp ? message.DueAt : now + Backoff(attempts, options.Value.RetryBaseSeconds);
            var code = Clip(result.Code ?? "error", 100);
            var error = Clip(result.Message ?? "", 1000);
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status).SetProperty(m => m.DueAt, due).SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastErrorCode, code).SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
            log.LogWarning("Outbox message {Id} ({Channel}) attempt {Attempt} failed: {Code} {Error}",
                message.Id, message.Channel, attempts, code, error);
        }
        if (updated == 0)
            log.LogWarning("Outbox message {Id}: the claim expired before its result was written", message.Id);
        return result;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
