using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Sla.Contracts;

namespace Keqing.Modules.Sla.Domain;

/// <summary>
/// An SLA policy an admin sets for a record type (<c>service.case</c>, or any key a module starts clocks for). Its
/// conditions are lists of accepted values, stored comma-separated; an empty list accepts anything. Which policy a
/// record gets: <see cref="PolicyMatch"/>.
/// </summary>
[RecordType("sla.policy")]
public sealed class SlaPolicy : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Name { get; set; } = "";
    public string RecordType { get; set; } = "";
    public bool Active { get; set; } = true;
    /// <summary>The admin's order, which decides between equally specific policies (smaller first).</summary>
    public int Order { get; set; }
    public string? Priorities { get; set; }
    public string? Types { get; set; }
    public string? Grades { get; set; }
    public int? FirstResponseMinutes { get; set; }
    public int ResolutionMinutes { get; set; }
    /// <summary>The calendar the targets count on; null: the default company calendar.</summary>
    public Guid? CalendarId { get; set; }
    public int WarningPercent { get; set; } = SlaTargets.DefaultWarningPercent;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public SlaTargets Targets => new(FirstResponseMinutes is { } f ? TimeSpan.FromMinutes(f) : null,
        TimeSpan.FromMinutes(ResolutionMinutes), WarningPercent);

    public static IReadOnlyList<string> Split(string? values) =>
        string.IsNullOrEmpty(values) ? [] : values.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string? Join(IEnumerable<string>? values)
    {
        var list = (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return list.Count == 0 ? null : string.Join(',', list);
    }

    public SlaPolicyDto ToDto() => new(Id, Name, RecordType, Active, Order, Split(Priorities), Split(Types), Split(Grades),
        FirstResponseMinutes, ResolutionMinutes, CalendarId, WarningPercent, Version);
}

/// <summary>
/// Which policy a record gets (pure): among the active policies of its record type whose every condition holds (an
/// empty condition holds for anything; values compare case-insensitively), the most specific wins — the one with the
/// most conditions set — and between equally specific ones the admin's order (smaller first), then the oldest.
/// </summary>
public static class PolicyMatch
{
    public static SlaPolicy? Best(IEnumerable<SlaPolicy> policies, string recordType, SlaAttributes attributes) =>
        policies.Where(p => p.Active && p.RecordType == recordType
                && Holds(p.Priorities, attributes.Priority) && Holds(p.Types, attributes.Type) && Holds(p.Grades, attributes.Grade))
            .OrderByDescending(Specificity).ThenBy(p => p.Order).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .FirstOrDefault();

    public static int Specificity(SlaPolicy p) =>
        (p.Priorities is null ? 0 : 1) + (p.Types is null ? 0 : 1) + (p.Grades is null ? 0 : 1);

    private static bool Holds(string? accepted, string? value) => accepted is null
        || (value is not null && SlaPolicy.Split(accepted).Contains(value.Trim(), StringComparer.OrdinalIgnoreCase));
}
