using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Leads.Contracts;

/// <summary>
/// Converting a lead (DOMAIN S1): link an existing customer (<c>customerId</c>) or create one (<c>createCustomer</c>);
/// add a contact (<c>contact</c>, by default the lead's person) or take an existing one of that customer (<c>contactId</c>);
/// optionally open an opportunity. <c>duplicatesConfirmed</c>: the new customer is not one of the likely duplicates.
/// </summary>
public sealed record ConvertLeadRequest(
    Guid? CustomerId = null, CustomerInput? CreateCustomer = null, ContactInput? Contact = null, Guid? ContactId = null,
    ConvertOpportunity? Opportunity = null, bool DuplicatesConfirmed = false);

/// <summary>The opportunity a conversion opens: null pipeline is the default one, null stage its first stage.</summary>
public sealed record ConvertOpportunity(string? Name, Money? Amount, DateOnly? ExpectedCloseDate, Guid? PipelineId = null, Guid? StageId = null);

/// <summary>What a lead became: the customer (new or linked), the contact and the opportunity, if one was opened.</summary>
public sealed record ConvertLeadResult(Guid LeadId, Guid CustomerId, bool CustomerCreated, Guid ContactId, Guid? OpportunityId, DateTime ConvertedAt);

/// <summary>An existing customer a lead probably is, ranked by the archive's duplicate finder, with the reasons.</summary>
public sealed record ConvertSuggestion(Guid CustomerId, string Name, string? City, Guid OwnerId, double Score, IReadOnlyList<DuplicateReason> Reasons);

/// <summary>
/// What the convert dialog starts from: the lead, whether the caller may convert it, the customers it probably is, the
/// customer and contact it would create (from the lead's fields), and whether the caller may open an opportunity.
/// </summary>
public sealed record ConvertDraft(Guid LeadId, string Name, string? Company, LeadStatus Status, Guid? ConvertedCustomerId, bool CanConvert,
    IReadOnlyList<ConvertSuggestion> Suggestions, CustomerInput NewCustomer, ContactInput NewContact, bool MayOpenOpportunity);
