namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// A person managing their own consents (the customer portal's preferences), without an access check: the caller has
/// established who the person is. A change withdraws the person's standing answer for that purpose and channel and
/// records the new one, so the history stays as evidence; <see cref="ConsentDto.RecordedBy"/> is <see cref="Guid.Empty"/>
/// (the person themselves) and the source says where.
/// </summary>
public interface ISubjectConsents
{
    /// <summary>The person's standing consents and refusals (not withdrawn), newest first.</summary>
    Task<IReadOnlyList<ConsentDto>> Current(DataSubject subject, CancellationToken ct);

    /// <summary>Records the person's answer and saves; nothing changes when it is their standing answer already.</summary>
    Task Set(DataSubject subject, Guid customerId, ConsentPurpose purpose, ConsentChannel channel, bool granted, string source, CancellationToken ct);
}
