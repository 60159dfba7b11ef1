namespace Keqing.Modules.Service.Contracts;

/// <summary>Who a case is with and who works it, as another module reacting to its events needs them.</summary>
public sealed record CaseFacts(Guid Id, string Number, Guid CustomerId, Guid OwnerId, Guid? TeamId, Guid? MergedIntoId);

/// <summary>
/// A case's facts by id without an access check (for event handlers: a return visit after <see cref="CaseClosed"/>),
/// as the caller's unit of work holds it when it has it.
/// </summary>
public interface ICaseFacts
{
    Task<CaseFacts?> Find(Guid caseId, CancellationToken ct);
}
