namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Data-subject requests (DOMAIN P3): everything held about a person as a zip, and erasure by anonymisation that keeps
/// ids and aggregates and puts the person on the suppression list. Admins only.
/// </summary>
public interface ISubjectRequests
{
    /// <summary>The zip of everything held about the subject (subject.json and one CSV per table).</summary>
    Task<byte[]> Export(DataSubject subject, CancellationToken ct);

    /// <summary>Anonymises the subject in every module, in one transaction, and records the erasure.</summary>
    Task<ErasureResult> Erase(DataSubject subject, ErasureRequest request, CancellationToken ct);
}
