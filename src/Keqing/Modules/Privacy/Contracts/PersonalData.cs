namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Declares a property personal data of a category (DOMAIN P1), where it is defined: on an entity's property, Privacy
/// redacts it in the audit trail and exports and erases it in data-subject requests; on a DTO's property,
/// <see cref="IPersonalDataMasker"/> masks it for a viewer whose role may not see the category.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PersonalAttribute(Sensitivity category) : Attribute
{
    public Sensitivity Category { get; } = category;
}

/// <summary>
/// Marks the property of an entity that says whose data the record is (a customer's or a contact's id), so a
/// data-subject export or erasure of that person covers the record's personal fields without code of its module.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SubjectLinkAttribute(SubjectType subject) : Attribute
{
    public SubjectType Subject { get; } = subject;
}

/// <summary>Masks personal data in what a module shows (get, list, search, export), for any module's DTOs.</summary>
public interface IPersonalDataMasker
{
    /// <summary>
    /// Each record with the <see cref="PersonalAttribute"/> properties the caller may not see masked (<c>***</c>, an empty
    /// or one-item list, or null) and their camelCase names in a <c>Masked</c> property if the DTO has one; writes one
    /// access-log entry per record whose sensitive values (health, finance, family, private) it left visible.
    /// </summary>
    /// <remarks>
    /// <paramref name="recordType"/> is the record type key the DTOs stand for (access log, reveals); <paramref name="logViews"/>
    /// is false where nobody is shown the values (a save's answer the caller already typed).
    /// </remarks>
    Task<IReadOnlyList<T>> Mask<T>(string recordType, IReadOnlyList<T> records, Func<T, Guid> idOf, CancellationToken ct, bool logViews = true)
        where T : class;
}

/// <summary>
/// The people whose data Keqing holds, as Privacy needs to know them (implemented by Customers): whether the caller may
/// see a subject, whether it is a person, and its lawful basis.
/// </summary>
public interface IDataSubjects
{
    /// <summary>The subject if the caller may see it (a contact: if they may see its customer), else null.</summary>
    Task<DataSubjectInfo?> FindVisible(DataSubject subject, CancellationToken ct);

    /// <summary>Whether a lawful basis for processing is recorded on the subject (no access check: for sends and scores).</summary>
    Task<bool> HasLawfulBasis(DataSubject subject, CancellationToken ct);

    /// <summary>The ids of a customer's contacts (the caller checked that it may see the customer).</summary>
    Task<IReadOnlyList<Guid>> ContactsOf(Guid customerId, CancellationToken ct);
}

/// <summary>A data subject the caller may see: the customer it belongs to, whether it is a natural person, whether the caller may change it.</summary>
public sealed record DataSubjectInfo(DataSubject Subject, Guid CustomerId, bool IsPerson, bool Writable);

/// <summary>
/// The categories of the keys inside a JSON property of a record type (a customer's custom fields), for a module whose
/// personal fields are defined at run time; the audit trail masks those keys one by one.
/// </summary>
public interface IDynamicPersonalFields
{
    string RecordType { get; }

    /// <summary>The JSON property that holds the fields (e.g. <c>CustomFields</c>).</summary>
    string Property { get; }

    Task<IReadOnlyDictionary<string, Sensitivity>> Categories(CancellationToken ct);
}
