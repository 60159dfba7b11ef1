namespace Keqing.Modules.Identity.Contracts;

/// <summary>
/// A record with an owner and an owning team (customers, deals, cases …): <see cref="IRecordAccess"/>
/// decides who sees and who may change it.
/// </summary>
public interface IOwnedRecord
{
    Guid Id { get; }
    Guid OwnerId { get; }
    Guid? TeamId { get; }
}
