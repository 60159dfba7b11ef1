namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Consents per purpose and channel (DOMAIN P2) of a customer or a contact: whoever may see the customer reads them;
/// whoever may change it records and withdraws them. A withdrawal keeps the row as evidence.
/// </summary>
public interface IConsents
{
    /// <summary>The subject's consents and refusals, newest first; 404 unless the caller may see the subject.</summary>
    Task<IReadOnlyList<ConsentDto>> List(DataSubject subject, CancellationToken ct);

    /// <summary>Records a consent (or a refusal); 403 unless the caller may change the subject's customer.</summary>
    Task<ConsentDto> Create(DataSubject subject, ConsentInput input, CancellationToken ct);

    /// <summary>Withdraws a consent, keeping the row; 409 if it was withdrawn already.</summary>
    Task<ConsentDto> Withdraw(Guid consentId, CancellationToken ct);

    /// <summary>
    /// Adds, to the caller's unit of work (not saved), a consent the person gave before they were a customer or contact
    /// (a lead's web-form checkbox, carried over on conversion) with the time it was given. The caller made the subject
    /// in this unit of work or checked that it may change it.
    /// </summary>
    void Carry(DataSubject subject, Guid customerId, ConsentPurpose purpose, ConsentChannel channel, string? source, DateTime givenAt);
}
