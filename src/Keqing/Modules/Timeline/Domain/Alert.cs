using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>
/// A reminder or an overdue alert for one employee, written by the jobs; at most one per subject, kind and recipient
/// (a unique index), so any number of app nodes can run the jobs at once.
/// </summary>
public sealed class Alert
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid RecipientId { get; set; }
    public AlertKind Kind { get; set; }
    public Guid SubjectId { get; set; }
    public Guid? CustomerId { get; set; }
    public string Title { get; set; } = "";
    public DateTime DueAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
