using System.Text.Json;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>What a create (POST) or a full update (PUT) of a customer sends.</summary>
public sealed record CustomerInput(
    CustomerKind? Kind, string? Name, IReadOnlyList<string>? Aliases = null, string? Industry = null, string? Province = null,
    string? City = null, string? Address = null, IReadOnlyList<string>? Phones = null, IReadOnlyList<string>? Emails = null,
    string? Website = null, string? Source = null, Guid? OwnerId = null, Guid? TeamId = null, CustomerGrade? Grade = null,
    IReadOnlyList<string>? Tags = null, IReadOnlyDictionary<string, JsonElement>? CustomFields = null,
    string? CreditCode = null, string? LegalRepresentative = null, LegalBasis? LegalBasis = null, string? ExternalId = null);

/// <summary>What a create or update of a contact sends.</summary>
public sealed record ContactInput(string? Name, string? Title = null, IReadOnlyList<string>? Phones = null,
    IReadOnlyList<string>? Emails = null, DateOnly? Birthday = null, string? Hobbies = null, string? Notes = null,
    string? Source = null, LegalBasis? LegalBasis = null, string? Family = null);
