using Keqing.Modules.Privacy.Contracts;
using System.Text.Json;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// A customer as the API shows it (DESIGN API conventions); <see cref="Masked"/> names the fields the caller may not see
/// (their values read <c>***</c>, DOMAIN P1), e.g. <c>phones</c> or <c>customFields.salary</c>. In a search's results,
/// <see cref="MatchedContact"/> names the contact through which the search found the customer.
/// </summary>
public sealed record CustomerDto(
    Guid Id, CustomerKind Kind, string Name, IReadOnlyList<string> Aliases, string? Industry, string? Province, string? City,
    string? Address, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string? Website, string? Source,
    Guid OwnerId, Guid? TeamId, CustomerGrade? Grade, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, JsonElement> CustomFields,
    long Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ArchivedAt, string? CreditCode = null, string? LegalRepresentative = null,
    LegalBasis LegalBasis = LegalBasis.None, IReadOnlyList<string>? Masked = null, Guid? MergedIntoId = null, string? ExternalId = null,
    ContactMatchDto? MatchedContact = null);

/// <summary>
/// The contact a search found a customer through: its name and title, and the phone that matched (else its first),
/// masked like the contact's own phones where the caller may not see them.
/// </summary>
public sealed record ContactMatchDto(Guid Id, Guid CustomerId, string Name, string? Title,
    [Personal(Sensitivity.Contact)] string? Phone, IReadOnlyList<string>? Masked = null);

/// <summary>A key person of a customer; <see cref="Masked"/> names the fields the caller may not see (shown as <c>***</c>).</summary>
public sealed record ContactDto(Guid Id, Guid CustomerId, string Name, string? Title,
    [Personal(Sensitivity.Contact)] IReadOnlyList<string> Phones, [Personal(Sensitivity.Contact)] IReadOnlyList<string> Emails,
    [Personal(Sensitivity.Private)] DateOnly? Birthday, [Personal(Sensitivity.Private)] string? Hobbies, [Personal(Sensitivity.Private)] string? Notes,
    long Version, DateTime CreatedAt, DateTime UpdatedAt, string? Source = null, LegalBasis LegalBasis = LegalBasis.None,
    [Personal(Sensitivity.Family)] string? Family = null, IReadOnlyList<string>? Masked = null);

/// <summary>An admin-defined customer field.</summary>
public sealed record CustomFieldDto(Guid Id, string Key, string Label, CustomFieldType Type, IReadOnlyList<string> Options,
    bool Required, int Position, long Version, Keqing.Modules.Privacy.Contracts.Sensitivity Sensitivity = Keqing.Modules.Privacy.Contracts.Sensitivity.None);
