namespace Keqing.Infrastructure.Jobs;

/// <summary>
/// One row of <c>infra_job_leases</c>: who holds a job (<see cref="Item"/> = <see cref="Guid.Empty"/>) or one item of a
/// job's queue (an outbox message, an import) until when. A row whose <see cref="ExpiresAt"/> has passed is free to take.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job's name, e.g. <c>notifications.outbox</c>.</summary>
    public string Job { get; set; } = "";
    /// <summary>The queued item the lease covers, or <see cref="Guid.Empty"/> for the job as a whole.</summary>
    public Guid Item { get; set; }
    /// <summary>The holder: one acquisition on one node (<c>{random}@{machine}/{process}</c>).</summary>
    public string Owner { get; set; } = "";
    public DateTime AcquiredAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
