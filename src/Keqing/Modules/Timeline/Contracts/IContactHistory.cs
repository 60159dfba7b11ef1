namespace Keqing.Modules.Timeline.Contracts;

/// <summary>How much each employee has been in touch with a customer (who should take a deal, DOMAIN S5).</summary>
public interface IContactHistory
{
    /// <summary>
    /// The contacts with the customer since <paramref name="since"/> that each of these employees logged or took part in;
    /// employees without one are left out. Counts only: no contact's content.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, int>> ContactsWith(Guid customerId, IReadOnlyCollection<Guid> userIds, DateTime since, CancellationToken ct);
}
