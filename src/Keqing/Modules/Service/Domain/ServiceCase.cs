using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Service.Contracts;

namespace Keqing.Modules.Service.Domain;

/// <summary>
/// A case (工单, DOMAIN V1): what a customer asked, complained about or needs repaired, worked by an owner in a team's
/// queue from new to closed, with its conversation (<see cref="CaseMessage"/>).
/// </summary>
[RecordType("service.case")]
public sealed class ServiceCase : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>CS-2026-000123: unique, taken when the case is saved.</summary>
    public string Number { get; set; } = "";
    [Personal(Sensitivity.Private)] public string Subject { get; set; } = "";
    [Personal(Sensitivity.Private)] public string? Description { get; set; }
    public CaseType Type { get; set; }
    public CasePriority Priority { get; set; }
    public Guid? CategoryId { get; set; }
    [SubjectLink(SubjectType.Customer)] public Guid CustomerId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? ProductId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public CaseChannel Channel { get; set; }
    /// <summary>The language to serve the customer in (a tag: zh-CN, en, yue); null: the organisation's default. Assignment matches it to agents' language skills.</summary>
    public string? Language { get; set; }
    public CaseStatus Status { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>The case this one was merged into (it is closed and its conversation moved there).</summary>
    public Guid? MergedIntoId { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public bool IsOpen => Status is not (CaseStatus.Resolved or CaseStatus.Closed);
}

/// <summary>One message of a case's conversation: a public reply, an internal note, or what the customer wrote.</summary>
[RecordType("service.message")]
public sealed class CaseMessage : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    public CaseMessageKind Kind { get; set; }
    [Personal(Sensitivity.Private)] public string Body { get; set; } = "";
    /// <summary>The employee who wrote it; null for the customer's own messages.</summary>
    public Guid? AuthorId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>A file attached to a case, then to one of its messages; stored in the database like an import's upload.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    /// <summary>Null until a reply or note takes it.</summary>
    public Guid? MessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public Guid? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>Two linked cases, stored once (<see cref="CaseId"/> is the one the link was made from, or the duplicate).</summary>
public sealed class CaseLink
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    public Guid OtherCaseId { get; set; }
    public CaseLinkKind Kind { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A node of the case category tree (admin-edited, like product categories).</summary>
[RecordType("service.category")]
public sealed class CaseCategory : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid? ParentId { get; set; }
    public string Name { get; set; } = "";
    public int Order { get; set; }
    public DateTime? ArchivedAt { get; set; }
}
