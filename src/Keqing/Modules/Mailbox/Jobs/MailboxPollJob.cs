using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Mailbox.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Mailbox.Jobs;

/// <summary>
/// Polls every enabled IMAP mailbox whose poll interval has passed, on any number of nodes: a node polls a mailbox
/// only under that mailbox's lease (<c>mailbox.poll</c>, item = the mailbox), so two nodes never read one folder at once.
/// </summary>
public sealed class MailboxPollJob(IServiceScopeFactory scopes, JobLeases leases, ImapPoller poller, TimeProvider clock,
    IOptions<MailboxOptions> options, IConfiguration configuration) : IQueueJob
{
    public const string JobName = "mailbox.poll";

    public JobSchedule Schedule => new(JobName, TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Keqing:Mailbox:CheckSeconds", 15))),
        TimeSpan.FromSeconds(Math.Max(30, options.Value.PollLeaseSeconds)), configuration.GetValue("Keqing:Jobs:Enabled", true));

    Task IQueueJob.RunAsync(CancellationToken ct) => PollDueAsync(ct);

    /// <summary>Polls the mailboxes that are due and that no other node holds; returns how many were polled.</summary>
    public async Task<int> PollDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var mailboxes = await db.Set<InboundMailbox>().AsNoTracking().Where(m => m.Enabled && m.Host != null && m.Host != "")
                .Select(m => new { m.Id, m.PollSeconds }).ToListAsync(ct);
            var polled = await db.Set<MailboxPollState>().AsNoTracking().ToDictionaryAsync(s => s.MailboxId, s => s.LastPolledAt, ct);
            due = mailboxes.Where(m => polled.GetValueOrDefault(m.Id) is not { } last || last.AddSeconds(m.PollSeconds) <= now)
                .Select(m => m.Id).ToList();
        }
        var count = 0;
        foreach (var id in due)
        {
            if (ct.IsCancellationRequested) break;
            await using var lease = await leases.TryAcquireAsync(JobName, id, Schedule.Lease, ct);
            if (lease is null) continue;
            await poller.Poll(id, ct);
            count++;
        }
        return count;
    }
}
