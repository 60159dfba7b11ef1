namespace Keqing.Modules.Customers.Contracts;

/// <summary>What <see cref="ICustomerCreator.Add"/> did: the new customer's id, or (nothing added) the customers it likely is.</summary>
public sealed record CustomerCreation(Guid? Id, IReadOnlyList<DuplicateMatch> Duplicates);

/// <summary>
/// Makes customers and contacts for other modules (a lead's conversion) in the caller's unit of work, not saved, with the
/// same validation, record access and duplicate rules as <c>POST /api/customers</c> and <c>POST …/contacts</c>.
/// </summary>
public interface ICustomerCreator
{
    /// <summary>
    /// The existing customers (that the caller may see) a customer about to be made probably is, best first, with the
    /// reasons in the caller's language; phones and emails count only for a role that may search by them.
    /// </summary>
    Task<IReadOnlyList<DuplicateMatch>> LikelyExisting(DuplicateProbe probe, CancellationToken ct);

    /// <summary>
    /// Adds a customer (400 naming every bad field). When it likely is one the caller can see and
    /// <paramref name="duplicatesConfirmed"/> is false, nothing is added and the matches are returned instead.
    /// </summary>
    Task<CustomerCreation> Add(CustomerInput input, bool duplicatesConfirmed, CancellationToken ct);

    /// <summary>Adds a contact to a customer the caller may change, or to one added in this unit of work; returns its id.</summary>
    Task<Guid> AddContact(Guid customerId, ContactInput input, CancellationToken ct);

    // For the triage of mail from unknown senders (Mailbox), whose capability is the caller's authority: service staff
    // own no customers, so these ask that the caller may READ the customer (record access or their role's rule, ADR 0070).

    /// <summary>Customers the caller may read whose name contains the text (2 characters or more), by name, at most 10.</summary>
    Task<IReadOnlyList<CustomerSummary>> FindReadable(string text, CancellationToken ct);

    /// <summary>
    /// Adds an email address to a contact of a customer the caller may read (kept once, compared normalised), in the
    /// caller's unit of work, not saved: 404 for a contact the caller cannot read.
    /// </summary>
    Task AddContactEmail(Guid contactId, string email, CancellationToken ct);

    /// <summary>Adds a contact with this name and email to a customer the caller may read, in the caller's unit of work, not saved; its id.</summary>
    Task<Guid> AddMailContact(Guid customerId, string name, string email, CancellationToken ct);
}
