namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// A module's part in a data-subject request (DOMAIN P3): what it holds about a person, and how it anonymises that.
/// Every module that stores personal data registers one (Customers, Timeline; later Sales, Service, Marketing …), the
/// way Timeline's hand-over asks each <c>IHandoverStep</c>.
/// </summary>
public interface IPersonalDataStep
{
    /// <summary>The part's name: a key of subject.json and the name of its CSV files.</summary>
    string Part { get; }

    /// <summary>Everything the module holds about the subject, as tables of rows (each row one JSON-serialisable record).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct);

    /// <summary>
    /// Replaces the subject's personal data with placeholders in the caller's unit of work, keeping ids, amounts and
    /// counts, and returns the identifiers to put on the suppression list.
    /// </summary>
    Task<ErasedData> Erase(DataSubject subject, CancellationToken ct);
}

/// <summary>What one step erased: how many records, and the identifiers that must not come back for marketing.</summary>
public sealed record ErasedData(int Records, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails,
    IReadOnlyList<(string Name, DateOnly Birthday)> NamesWithBirthdays)
{
    public static ErasedData Count(int records) => new(records, [], [], []);
}
