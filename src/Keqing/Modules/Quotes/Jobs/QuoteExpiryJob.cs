using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Quotes.Features;

namespace Keqing.Modules.Quotes.Jobs;

/// <summary>Runs <see cref="ExpireQuotes"/> on one node at a time until nothing is due.</summary>
public sealed class QuoteExpiryJob(IServiceScopeFactory scopes, IConfiguration configuration) : IScheduledJob
{
    public const string JobName = "quotes.expiry";

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(5), configuration);

    async Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        await using var scope = scopes.CreateAsyncScope();
        var expire = scope.ServiceProvider.GetRequiredService<ExpireQuotes>();
        while (await expire.RunBatch(stop.Token) == ExpireQuotes.BatchSize && await lease.RenewAsync(stop.Token))
        {
        }
    }
}
