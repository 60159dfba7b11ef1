namespace Keqing.Modules.Pools.Contracts;

/// <summary>
/// A customer limit (客户上限) as the API takes it: for a user or for a team (each member without a limit of their own),
/// the most customers they may own and the most of those that may be locked (null: no cap), and whether customers
/// with a won deal count.
/// </summary>
public sealed record CustomerLimitInput(Guid? UserId, Guid? TeamId, int? MaxOwned, int? MaxLocked, bool CountWonCustomers = false);

public sealed record CustomerLimitDto(Guid Id, Guid? UserId, Guid? TeamId, string Holder, int? MaxOwned, int? MaxLocked,
    bool CountWonCustomers, long Version);

/// <summary>How many customers a user owns and has locked against their limit (the pool page shows it beside the claim quota).</summary>
public sealed record CustomerRoomDto(int Owned, int? MaxOwned, int Locked, int? MaxLocked);
