namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// The contacts (of unarchived customers) holding an email address, compared normalised, without an access check: for
/// the customer portal, which signs a contact in by a link sent to that address.
/// </summary>
public interface IContactsByEmail
{
    Task<IReadOnlyList<ContactSummary>> WithEmail(string email, CancellationToken ct);
}
