using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications.Jobs;

/// <summary>
/// Delivers due outbox messages, safely on any number of app nodes: before sending a message a node takes that message's
/// lease (<see cref="JobLeases"/>), keeps renewing it while the robot or mail server answers, and gives it back once the
/// result is written — delivered (never picked again) or the next attempt scheduled with exponential backoff and the
/// robot's error code. No node starts a message another node holds, however slow the endpoint; a node that dies
/// mid-send leaves the message to whoever takes it after the lease expires.
/// </summary>
/// <remarks>
/// At-least-once at the network edge: only a crash (or a stall longer than the lease) after the robot accepted a post and
/// before the "delivered" write commits can repeat a post — nothing else does.
/// </remarks>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log) : IQueueJob
{
    /// <summary>The job's name, under which each message's lease is held.</summary>
    public const string JobName = "notifications.outbox";

    public JobSchedule Schedule => new(JobName, TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), Lease, options.Value.Enabled);

    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds));

    Task IQueueJob.RunAsync(CancellationToken ct) => DispatchDueAsync(ct);

    /// <summary>Delivers every message due now that no other node holds; returns how many attempts were made.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var attempts = 0;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (!ct.IsCancellationRequested)
        {
            var ids = await DueAndFree(batchSize, ct);
            foreach (var id in ids)
            {
                if (ct.IsCancellationRequested) break;
                if (await DeliverUnderLease(id, dueOnly: true, retry: true, ct) is not null) attempts++;
            }
            if (ids.Count < batchSize) break;
        }
        return attempts;
    }

    /// <summary>
    /// Delivers one pending message now, due or not, in one attempt without retries (an admin's "send test": the answer is
    /// shown at once); null when another node holds it or it is done.
    /// </summary>
    public Task<DeliveryResult?> DispatchOneAsync(Guid id, CancellationToken ct) => DeliverUnderLease(id, dueOnly: false, retry: false, ct);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base × 2^(attempts − 1), at most an hour.</summary>
    public static TimeSpan Backoff(int attempts, int baseSeconds)
    {
        var seconds = baseSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
    }

    private async Task<List<Guid>> DueAndFree(int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var held = JobLeases.Held(db, JobName, now);
        return await db.Set<OutboxMessage>()
            .Where(m => m.Status == DeliveryStatus.Pending && m.DueAt <= now && !held.Any(l => l.Item == m.Id))
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id).Select(m => m.Id).Take(count).ToListAsync(ct);
    }

    /// <summary>Takes the message's lease, reads it again (another node may have sent it meanwhile), delivers it and gives the lease back.</summary>
    private async Task<DeliveryResult?> DeliverUnderLease(Guid id, bool dueOnly, bool retry, CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, id, Lease, ct);
        if (lease is null) return null;
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow().UtcDateTime;
        var message = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<OutboxMessage>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id && m.Status == DeliveryStatus.Pending && (!dueOnly || m.DueAt <= now), ct);
        return message is null ? null : await Deliver(message, lease, retry, ct);
    }

    private async Task<DeliveryResult> Deliver(OutboxMessage message, HeldLease lease, bool retry, CancellationToken ct)
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
        var pending = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.Status == DeliveryStatus.Pending);
        var held = await lease.RenewAsync(CancellationToken.None);
        if (!held) log.LogWarning("Outbox message {Id}: the lease was lost while it was sent (a stall longer than the lease)", message.Id);
        if (result.Delivered)
        {
            await pending.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, DeliveryStatus.Delivered).SetProperty(m => m.DeliveredAt, now)
                .SetProperty(m => m.Attempts, attempts), CancellationToken.None);
            // Its files were kept only to be sent (a retry sends the same): once delivered they are not kept twice.
            await db.Set<OutboxAttachment>().Where(a => a.OutboxMessageId == message.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
        else if (held)
        {
            var giveUp = !retry || !result.Retry || attempts >= options.Value.MaxAttempts;
            var status = giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            var due = giveUp ? message.DueAt : now + Backoff(attempts, options.Value.RetryBaseSeconds);
            var code = Clip(result.Code ?? "error", 100);
            var error = Clip(result.Message ?? "", 1000);
            await pending.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status).SetProperty(m => m.DueAt, due).SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastErrorCode, code).SetProperty(m => m.LastError, error), CancellationToken.None);
            log.LogWarning("Outbox message {Id} ({Channel}) attempt {Attempt} failed: {Code} {Error}",
                message.Id, message.Channel, attempts, code, error);
            // Given up for good: nothing will send its files again (the message itself stays, with why it failed).
            if (giveUp) await db.Set<OutboxAttachment>().Where(a => a.OutboxMessageId == message.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
        return result;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
