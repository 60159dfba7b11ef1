namespace Keqing.Modules.Sla.Contracts;

/// <summary>
/// An SLA policy: for a record type, conditions on priority, type and customer grade (empty: any), the targets in
/// business minutes, the calendar they count on (null: the default calendar), and the warning percentage.
/// </summary>
public sealed record SlaPolicyDto(
    Guid Id, string Name, string RecordType, bool Active, int Order,
    IReadOnlyList<string> Priorities, IReadOnlyList<string> Types, IReadOnlyList<string> Grades,
    int? FirstResponseMinutes, int ResolutionMinutes, Guid? CalendarId, int WarningPercent, long Version);

/// <summary>A policy as <c>POST</c> and <c>PUT /api/sla-policies</c> take it; <c>order</c> breaks ties (smaller first), <c>warningPercent</c> defaults to 80.</summary>
public sealed record SlaPolicyInput(
    string? Name, string? RecordType, bool Active = true, int? Order = null,
    IReadOnlyList<string>? Priorities = null, IReadOnlyList<string>? Types = null, IReadOnlyList<string>? Grades = null,
    int? FirstResponseMinutes = null, int? ResolutionMinutes = null, Guid? CalendarId = null, int? WarningPercent = null);
