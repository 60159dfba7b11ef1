using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Leads.Contracts;

/// <summary>A lead as the API and the pages show it; phones, emails and notes masked by the caller's grants.</summary>
public sealed record LeadDto(
    Guid Id, string Name, string? Company, string? Title,
    [Personal(Sensitivity.Contact)] IReadOnlyList<string> Phones, [Personal(Sensitivity.Contact)] IReadOnlyList<string> Emails,
    string? Province, string? City, string? Industry, CompanySize CompanySize, string? CreditCode,
    LeadSource Source, string? SourceDetail, LegalBasis LegalBasis, [Personal(Sensitivity.Private)] string? Notes,
    Guid OwnerId, Guid? TeamId, LeadStatus Status, string? DisqualifyReason,
    DateTime? RespondBy, DateTime? FirstRespondedAt, int Score,
    Guid? ConvertedCustomerId, Guid? ConvertedContactId, Guid? ConvertedOpportunityId, DateTime? ConvertedAt,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? ArchivedAt, long Version, IReadOnlyList<string>? Masked = null)
{
    /// <summary>Unanswered after its respond-by time.</summary>
    public bool IsOverdue(TimeProvider time) => FirstRespondedAt is null && RespondBy is { } due && due < time.GetUtcNow().UtcDateTime
        && Status is LeadStatus.New or LeadStatus.Contacted;
}

/// <summary>One event of a lead's history.</summary>
public sealed record LeadActivityDto(Guid Id, Guid LeadId, LeadActivityKind Kind, DateTime OccurredAt, Guid? UserId,
    [Personal(Sensitivity.Private)] string? Text, IReadOnlyList<string>? Masked = null);

/// <summary>A contact logged on a lead: <c>kind</c> is call, email, meeting, message or note; <c>occurredAt</c> defaults to now.</summary>
public sealed record LeadActivityInput(string? Kind, string? Text, DateTime? OccurredAt);

/// <summary>Why a lead is disqualified: the text of one of the admin's reasons.</summary>
public sealed record DisqualifyRequest(string? Reason);

/// <summary>A reason of the admin's list for disqualifying leads.</summary>
public sealed record DisqualifyReasonDto(Guid Id, string Text, int Order, bool Active);

/// <summary>What an admin sends to add or change a disqualification reason.</summary>
public sealed record DisqualifyReasonInput(string? Text, int? Order, bool? Active);
