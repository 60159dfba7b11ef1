using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>A contact between employees and a customer: a visit, call, message, event … (DOMAIN T1).</summary>
[RecordType("timeline.interaction", LegacyName = "Interaction")]
public sealed class Interaction : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    public InteractionChannel Channel { get; set; }
    public InteractionDirection Direction { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>The customer's people who took part.</summary>
    public List<Guid> ContactIds { get; set; } = [];
    /// <summary>Employees who took part besides the one who recorded it.</summary>
    public List<Guid> ParticipantIds { get; set; } = [];
    public string Subject { get; set; } = "";
    public string? Notes { get; set; }
    public string? Outcome { get; set; }
    /// <summary>The next step agreed at this contact; it stays open until done or replaced by a later contact's.</summary>
    public string? NextStep { get; set; }
    /// <summary>When the next step was done (set through an update with <c>nextStepDone</c>); null while it is open.</summary>
    public DateTime? NextStepDoneAt { get; set; }
    /// <summary>A touch of the contact's personal life (family event, home visit): warns unless the contact opted in (P4).</summary>
    public bool PersonalOccasion { get; set; }
    /// <summary>The employee who recorded it, and their team at the time: they decide who sees it.</summary>
    public Guid UserId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
