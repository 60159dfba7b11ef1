using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.FieldWork.Domain;

/// <summary>
/// A field dispatch (派工): a technician sent to a customer for another module's record (a repair case) in a time window,
/// and the result they logged from the site. The technician's record (record access: they, their team's manager,
/// admin); the record's own module shows it on the record to whoever sees that.
/// </summary>
[RecordType("field.dispatch")]
public sealed class Dispatch : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public string RecordLabel { get; set; } = "";
    public string RecordLink { get; set; } = "";
    public Guid CustomerId { get; set; }
    /// <summary>The technician.</summary>
    public Guid OwnerId { get; set; }
    /// <summary>The technician's team when dispatched.</summary>
    public Guid? TeamId { get; set; }
    public DateTime WindowFrom { get; set; }
    public DateTime WindowTo { get; set; }
    public string? Note { get; set; }
    public Contracts.DispatchStatus Status { get; set; }
    public string? ResultNote { get; set; }
    public DateTime? ResultAt { get; set; }
    /// <summary>The check-in the result was logged on (its photos are the result's).</summary>
    public Guid? VisitId { get; set; }
    public Guid DispatchedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}
