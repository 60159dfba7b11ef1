namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// Service first (DOMAIN V6): a customer's open complaints, so selling pages warn before pushing a deal or a quote and
/// marketing leaves the customer out. An extension point: the service module contributes the implementation; pages
/// ask every registered one (none: no open complaints known).
/// </summary>
public interface IOpenComplaints
{
    /// <summary>The open complaints of these customers, by customer (customers without one are left out).</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<OpenComplaint>>> Of(IReadOnlyCollection<Guid> customerIds, CancellationToken ct);
}

/// <summary>One open complaint: what a banner shows and links to.</summary>
public sealed record OpenComplaint(Guid Id, Guid CustomerId, string Subject, DateTime OpenedAt, string Href);
