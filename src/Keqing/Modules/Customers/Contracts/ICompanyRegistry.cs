namespace Keqing.Modules.Customers.Contracts;

/// <summary>A company as the business registry (工商信息) records it.</summary>
public sealed record CompanyRecord(
    string Name,
    string CreditCode,
    string? LegalRepresentative,
    string? Address,
    string? Status);

/// <summary>
/// Looks up registered companies by name (DOMAIN C10), so a customer form can fill in the registered name, unified social
/// credit code, legal representative, address and status. Providers: an offline file (tests, demos) or a public HTTP API.
/// </summary>
public interface ICompanyRegistry
{
    /// <summary>Companies whose registered name contains <paramref name="name"/>, best match first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CompanyRecord>> Search(string name, int limit, CancellationToken ct);
}
