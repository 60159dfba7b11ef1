namespace Keqing.Modules.Pools.Domain;

/// <summary>
/// One run of the recycle job (or the due sets' backfill): when it started and whether it read every live customer for
/// the ones without a state row (<see cref="Swept"/>) or only those changed since the run before. The next run reads
/// its window from here (<see cref="Features.RecycleDueSets"/>).
/// </summary>
public sealed class RecycleRun
{
    public Guid Id { get; set; }
    /// <summary>The job's clock when the run began.</summary>
    public DateTime At { get; set; }
    public bool Swept { get; set; }
    public int Moved { get; set; }
    public int Warned { get; set; }
}
