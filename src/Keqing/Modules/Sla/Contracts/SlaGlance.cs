namespace Keqing.Modules.Sla.Contracts;

/// <summary>
/// A record's SLA at a glance, for a list row: where its clock stands (breached if any target is, warned past a warning
/// point, paused, running, or met / cancelled once stopped) and the earliest due instant still pending (null while
/// paused or stopped).
/// </summary>
public sealed record SlaGlance(SlaState State, DateTime? DueAt);

/// <summary>The records a list can be narrowed to: past a warning point but not breached, or breached.</summary>
public enum SlaRisk { NearBreach, Breached }
