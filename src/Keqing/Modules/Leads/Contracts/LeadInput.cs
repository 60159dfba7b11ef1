using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Leads.Contracts;

/// <summary>What a new lead is made of, whoever makes it: a rep, a web form, an import.</summary>
public sealed record LeadInput(
    string? Name, string? Company, string? Title, IReadOnlyList<string>? Phones, IReadOnlyList<string>? Emails,
    string? Province, string? City, string? Industry, CompanySize CompanySize, string? CreditCode,
    LeadSource Source, string? SourceDetail, LegalBasis LegalBasis, string? Notes, Guid? OwnerId = null);
