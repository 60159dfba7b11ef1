namespace Keqing.Modules.Identity.Contracts;

/// <summary>
/// A module's say on whether an employee may be deactivated: what they still hold that must be handed over first
/// (DOMAIN A4). Modules register implementations; Identity asks them all and refuses while any names something.
/// </summary>
public interface IDeactivationCheck
{
    /// <summary>What the user still holds, in a sentence for an admin (e.g. "12 customers, 3 open tasks"), or null.</summary>
    Task<string?> Outstanding(Guid userId, CancellationToken ct);
}
