using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>A customer as other modules see one: who owns it, which team, which grade, where it is (province and city, as stored).</summary>
public sealed record CustomerSummary(Guid Id, string Name, Guid OwnerId, Guid? TeamId, CustomerGrade? Grade, bool Archived,
    string? Province = null, string? City = null);

/// <summary>A contact as other modules see one.</summary>
public sealed record ContactSummary(Guid Id, Guid CustomerId, string Name, string? Title);

/// <summary>
/// A customer's id, owner, team and grade as a query other modules can compose into theirs (a subquery or a join in
/// SQL) without reaching into Customers' entities; a class with settable members so EF Core can translate member access.
/// </summary>
public sealed class CustomerRef
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid OwnerId { get; init; }
    public Guid? TeamId { get; init; }
    public CustomerGrade? Grade { get; init; }
    public string? Industry { get; init; }
    /// <summary>The customer's number in another system (an ERP's customer code), as a file from there names it.</summary>
    public string? ExternalId { get; init; }
    /// <summary>Unified social credit code (统一社会信用代码).</summary>
    public string? CreditCode { get; init; }
}

/// <summary>
/// Looks up customers for other modules (Timeline, later Sales and Service) under the caller's record access, and moves
/// ownership for a hand-over, without exposing Customers' internals.
/// </summary>
public interface ICustomerDirectory
{
    /// <summary>The customer if the caller may see it (archived or not), else null.</summary>
    Task<CustomerSummary?> FindVisible(Guid id, CancellationToken ct);

    /// <summary>Customers by id without an access check (for jobs and for modules that checked access their own way).</summary>
    Task<IReadOnlyDictionary<Guid, CustomerSummary>> Find(IEnumerable<Guid> ids, CancellationToken ct);

    /// <summary>The (unarchived) customers the caller may see, as a query to compose into another module's query.</summary>
    Task<IQueryable<CustomerRef>> Visible(CancellationToken ct);

    /// <summary>The unarchived customers one user owns, as a query to compose (no access check: the caller decides who may ask).</summary>
    IQueryable<CustomerRef> OwnedBy(Guid userId);

    /// <summary>
    /// Every customer, archived or not, as a query to compose (no access check: for aggregates such as a rep's win rate
    /// by industry, which name no customer).
    /// </summary>
    IQueryable<CustomerRef> Unchecked();

    /// <summary>The contacts of a customer (the caller checked that it may see the customer).</summary>
    Task<IReadOnlyList<ContactSummary>> ContactsOf(Guid customerId, CancellationToken ct);

    /// <summary>The contact if the caller may see its customer, else null.</summary>
    Task<ContactSummary?> FindVisibleContact(Guid contactId, CancellationToken ct);

    /// <summary>
    /// Gives customers to new owners (their team follows the owner), in the caller's unit of work; the data layer audits
    /// each change. The caller (a hand-over) has checked that the acting user may do this.
    /// </summary>
    Task Reassign(IReadOnlyDictionary<Guid, (Guid OwnerId, Guid? TeamId)> moves, CancellationToken ct);

    /// <summary>The kind of a customer (any, without an access check); null when there is none.</summary>
    Task<CustomerKind?> KindOf(Guid id, CancellationToken ct);

    /// <summary>Whether the caller may change the customer (and what hangs on it: contacts, consents).</summary>
    Task<bool> CanWrite(Guid id, CancellationToken ct);

    /// <summary>The lawful basis recorded on a customer or a contact (DOMAIN P2); null when there is no such record.</summary>
    Task<LegalBasis?> LegalBasisOf(Guid id, bool contact, CancellationToken ct);

    /// <summary>
    /// The first phone of each of these customers that the caller may see, when the caller's role sees contact details
    /// (DOMAIN P1); customers without a phone, or that the caller may not see, are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> PhonesOf(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>
    /// The oldest unarchived customer holding one of these phones or emails (its own or a contact's, compared
    /// normalised), without an access check: for a public web form, which must attach an inquiry rather than make a
    /// second record. Null when none does.
    /// </summary>
    Task<CustomerSummary?> FindByContactPoint(IReadOnlyCollection<string> phones, IReadOnlyCollection<string> emails, CancellationToken ct);

    /// <summary>
    /// The phones and emails stored for a data subject (a customer with its contacts, or one contact), as the database
    /// holds them, without an access check: for a data-subject request that finds the person's records in other modules.
    /// </summary>
    Task<SubjectContactPoints> ContactPointsOf(DataSubject subject, CancellationToken ct);
}

/// <summary>The phones and emails of a data subject.</summary>
public sealed record SubjectContactPoints(IReadOnlyList<string> Phones, IReadOnlyList<string> Emails);
