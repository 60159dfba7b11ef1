using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;

namespace Keqing.Modules.ReturnVisits.Domain;

/// <summary>
/// A return visit (回访, DOMAIN C9) scheduled after an order or a closed case: one per order or case, owned by whoever
/// does it (record access: them, their team's manager, admin). Its answers are what the customer said: personal data.
/// </summary>
[RecordType("return-visits.visit")]
public sealed class ReturnVisit : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    [SubjectLink(SubjectType.Customer)] public Guid CustomerId { get; set; }
    public ReturnVisitSource Source { get; set; }
    public Guid SourceId { get; set; }
    /// <summary>The order's or case's number, as the visit's list shows it.</summary>
    public string SourceNumber { get; set; } = "";
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTime DueAt { get; set; }
    public ReturnVisitChannel Channel { get; set; }
    public ReturnVisitStatus Status { get; set; }
    /// <summary>The form version the answers were given against (set on completion).</summary>
    public Guid? FormVersionId { get; set; }
    /// <summary>The answers as JSON (a list of <see cref="AnswerDto"/>).</summary>
    [Personal(Sensitivity.Private)] public string? AnswersJson { get; set; }
    [Personal(Sensitivity.Private)] public string? Note { get; set; }
    public DateTime? CompletedAt { get; set; }
    public Guid? CompletedBy { get; set; }
    public string? CancelReason { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A form an admin defines for customers of one grade (null: any grade without its own). Its questions live in
/// versions: editing a form no done visit used changes its current version; editing a used one starts a new version,
/// so every done visit keeps the questions it was answered against.
/// </summary>
[RecordType("return-visits.form")]
public sealed class ReturnVisitForm : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Name { get; set; } = "";
    public CustomerGrade? Grade { get; set; }
    public bool Active { get; set; } = true;
    public Guid CurrentVersionId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One version of a form's questions (JSON), never changed once a done visit points at it.</summary>
public sealed class ReturnVisitFormVersion
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid FormId { get; set; }
    public int Number { get; set; }
    public string QuestionsJson { get; set; } = "[]";
    public DateTime CreatedAt { get; set; }
}

/// <summary>The scheduling rule of one grade (null: customers without a grade): days after an order or a closed case, null = off.</summary>
[RecordType("return-visits.rule")]
public sealed class ReturnVisitRule : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public CustomerGrade? Grade { get; set; }
    public int? DaysAfterOrder { get; set; }
    public int? DaysAfterCase { get; set; }
    public ReturnVisitChannel Channel { get; set; } = ReturnVisitChannel.Phone;
}
