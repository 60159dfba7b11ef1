namespace Keqing.Modules.Privacy.Contracts;

/// <summary>What personal data is used for (DOMAIN P2): consent is given per purpose.</summary>
public enum ConsentPurpose { Marketing = 1, Profiling = 2, Service = 3, Research = 4 }

/// <summary>The channel a consent covers; <see cref="Any"/> covers every channel.</summary>
public enum ConsentChannel { Any = 0, Sms = 1, Email = 2, Phone = 3, WeChat = 4, Visit = 5, Mail = 6 }

/// <summary>A consent as the API shows it.</summary>
public sealed record ConsentDto(Guid Id, SubjectType SubjectType, Guid SubjectId, Guid CustomerId, ConsentPurpose Purpose,
    ConsentChannel Channel, bool Granted, string? Source, DateTime RecordedAt, Guid RecordedBy, DateTime? WithdrawnAt, Guid? WithdrawnBy);

/// <summary>Recording a consent (or a refusal).</summary>
public sealed record ConsentInput(ConsentPurpose? Purpose, ConsentChannel? Channel = ConsentChannel.Any, bool Granted = true, string? Source = null);

/// <summary>One role's level per category.</summary>
public sealed record RoleGrantsDto(string Role, IReadOnlyDictionary<Sensitivity, GrantLevel> Levels);

/// <summary>
/// Asking to see a masked category of one record, with the reason the access log keeps: a customer or contact by
/// <see cref="SubjectType"/>, or any module's record by its record type key in <see cref="Entity"/>.
/// </summary>
public sealed record RevealRequest(SubjectType? SubjectType, Guid? Id, Sensitivity? Category, string? Reason, string? Entity = null);

/// <summary>A granted reveal: the category shows on that record for the caller until <see cref="ExpiresAt"/>.</summary>
public sealed record RevealDto(Guid Id, SubjectType? SubjectType, string Entity, Guid SubjectId, Sensitivity Category, DateTime ExpiresAt);

/// <summary>One entry of the access log: a view, reveal, export or erasure of personal data.</summary>
public sealed record AccessLogEntryDto(Guid Id, string EntityType, Guid EntityId, string Action, Guid? UserId, string? UserName,
    DateTime At, IReadOnlyDictionary<string, string?> Details);

/// <summary>An erasure request: why, and how (only anonymisation: ids and aggregates stay).</summary>
public sealed record ErasureRequest(string? Reason, string? Mode = "anonymise");

/// <summary>What an erasure did, per part.</summary>
public sealed record ErasureResult(DataSubject Subject, DateTime At, IReadOnlyDictionary<string, int> Erased, int Suppressions);

/// <summary>One boundary override in the admin's report.</summary>
public sealed record BoundaryOverrideDto(Guid Id, Guid UserId, string? UserName, Guid CustomerId, string Code, string Message,
    string SourceType, Guid SourceId, DateTime At);
