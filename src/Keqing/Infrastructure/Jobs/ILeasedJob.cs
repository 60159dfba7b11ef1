namespace Keqing.Infrastructure.Jobs;

/// <summary>What a background job declares about itself: its name (the lease's), how often it runs, and its lease's length.</summary>
/// <param name="Name">The job's name, which its leases are held under (<c>module.job</c>).</param>
/// <param name="Interval">How long a node waits between runs.</param>
/// <param name="Lease">How long a lease holds without renewal; it is renewed every third of this while the work runs.</param>
/// <param name="Enabled">False turns this node's loop off; the job can still be run directly (tests, an admin's "run now").</param>
public sealed record JobSchedule(string Name, TimeSpan Interval, TimeSpan Lease, bool Enabled = true)
{
    /// <summary>
    /// A job that checks for work every <c>Keqing:Jobs:IntervalSeconds</c> (60, at least 1) unless
    /// <c>Keqing:Jobs:Enabled</c> is false, holding a lease of <paramref name="lease"/>.
    /// </summary>
    public static JobSchedule Periodic(string name, TimeSpan lease, IConfiguration configuration) => new(name,
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Keqing:Jobs:IntervalSeconds", 60))), lease,
        configuration.GetValue("Keqing:Jobs:Enabled", true));
}

/// <summary>A background job registered with <see cref="LeasedJobRegistration.AddLeasedJob{TJob}"/>.</summary>
public interface ILeasedJob
{
    JobSchedule Schedule { get; }

    /// <summary>Waits until the next run; a job that can be woken early (a queued import) waits for that too.</summary>
    Task WaitForNextRunAsync(TimeSpan interval, TimeProvider clock, CancellationToken ct) => Task.Delay(interval, clock, ct);
}

/// <summary>A job one node at a time runs, under the job's own lease (an SLA timer, the duplicate scan, a grading run).</summary>
public interface IScheduledJob : ILeasedJob
{
    /// <summary>One run, under <paramref name="lease"/>: renew it before each batch and stop when it was lost.</summary>
    Task RunAsync(HeldLease lease, CancellationToken ct);
}

/// <summary>
/// A job every node runs, working through a queue (the outbox, imports, a campaign send): it takes a lease per item with
/// <see cref="JobLeases.TryAcquireAsync"/> under its <see cref="JobSchedule.Name"/>, so no item is worked on twice.
/// </summary>
public interface IQueueJob : ILeasedJob
{
    Task RunAsync(CancellationToken ct);
}
