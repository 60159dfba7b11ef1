using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Leads.Domain;

/// <summary>
/// A person and/or company that is not a customer yet (DOMAIN S1, 线索): owned like a customer, answered within a
/// response clock (M5), scored by visible rules, then qualified and converted, or disqualified with a reason.
/// </summary>
[RecordType("leads.lead")]
public sealed class Lead : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The person's name (may be empty when only the company is known).</summary>
    public string Name { get; set; } = "";
    public string? Company { get; set; }
    public string? Title { get; set; }
    [Personal(Sensitivity.Contact)] public List<string> Phones { get; set; } = [];
    [Personal(Sensitivity.Contact)] public List<string> Emails { get; set; } = [];
    public string? Province { get; set; }
    public string? City { get; set; }
    public string? Industry { get; set; }
    public CompanySize CompanySize { get; set; }
    /// <summary>Unified social credit code of the company, when given (a scoring rule may reward it).</summary>
    public string? CreditCode { get; set; }
    public LeadSource Source { get; set; }
    /// <summary>Which show, campaign, form or referrer (a form stamps its own).</summary>
    public string? SourceDetail { get; set; }
    /// <summary>The lawful basis for holding the data (DOMAIN P2); <see cref="LegalBasis.None"/> keeps it out of marketing.</summary>
    public LegalBasis LegalBasis { get; set; }
    [Personal(Sensitivity.Private)] public string? Notes { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public LeadStatus Status { get; set; }
    /// <summary>The admin list's reason, as text at the time, when disqualified.</summary>
    public string? DisqualifyReason { get; set; }

    /// <summary>When the owner must have answered (business hours from creation or assignment, M5); null once answered.</summary>
    public DateTime? RespondBy { get; set; }
    /// <summary>80 % of the response time: when the owner is reminded.</summary>
    public DateTime? RemindAt { get; set; }
    /// <summary>The first logged contact: it stops the clock.</summary>
    public DateTime? FirstRespondedAt { get; set; }
    public DateTime? ReminderSentAt { get; set; }
    public DateTime? BreachAlertedAt { get; set; }
    /// <summary>When the clock started: creation, or the last change of owner before any answer.</summary>
    public DateTime ClockStartedAt { get; set; }

    /// <summary>The score by the rules in force when it was last computed; its reasons are computed with it (S1: no opaque model).</summary>
    public int Score { get; set; }
    /// <summary>When the owner was told the lead crossed the hot threshold (once per crossing).</summary>
    public DateTime? HotNotifiedAt { get; set; }
    /// <summary>When <see cref="Score"/> was last computed (decay changes it over time: the daily re-score).</summary>
    public DateTime? ScoredAt { get; set; }
    /// <summary>The fingerprint of the rule set <see cref="Score"/> was computed with; another one means the rules changed since.</summary>
    public long ScoredWithRules { get; set; }

    public Guid? ConvertedCustomerId { get; set; }
    public Guid? ConvertedContactId { get; set; }
    public Guid? ConvertedOpportunityId { get; set; }
    public DateTime? ConvertedAt { get; set; }

    /// <summary>Lower-cased name, company and their pinyin, searched by substring.</summary>
    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when archived (DELETE): the lead leaves the lists and keeps its history.</summary>
    public DateTime? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One normalised phone or email of a lead, so a form post or an import finds the lead it already has.</summary>
public sealed class LeadLookup
{
    public LeadLookupKind Kind { get; set; }
    public required string Value { get; set; }
    public Guid LeadId { get; set; }
}

/// <summary>What a <see cref="LeadLookup"/> holds.</summary>
public enum LeadLookupKind { Phone = 1, Email = 2 }

/// <summary>One event of a lead's history (a call, a form post, a status change); moves to the customer's timeline on conversion.</summary>
public sealed class LeadActivity
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid LeadId { get; set; }
    public LeadActivityKind Kind { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>The employee who did it; null for the visitor or the system.</summary>
    public Guid? UserId { get; set; }
    [Personal(Sensitivity.Private)] public string? Text { get; set; }
    /// <summary>The form post, when the event is one.</summary>
    public Guid? SubmissionId { get; set; }
}
