namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// "Reveal" (DOMAIN P1): a user whose role has the reveal level for a category sees it on one record for a quarter of
/// an hour after giving a reason; the reveal and its reason go to the access log.
/// </summary>
public interface IReveals
{
    /// <summary>Reveals the category on the record for the caller; 404 unless they may see the record, 403 unless their role may reveal.</summary>
    Task<RevealDto> Create(RevealRequest request, CancellationToken ct);
}
