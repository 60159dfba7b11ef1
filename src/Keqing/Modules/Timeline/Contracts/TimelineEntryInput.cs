namespace Keqing.Modules.Timeline.Contracts;

/// <summary>
/// One touchpoint another module adds to a customer's timeline (DOMAIN T1): a quote sent, an order placed, a case
/// opened, a campaign message. <see cref="SourceModule"/> + <see cref="SourceId"/> name the record it stands for, so
/// the publisher can update or remove it when that record changes.
/// </summary>
/// <param name="CustomerId">The customer it happened with.</param>
/// <param name="OccurredAt">When it happened (UTC); the timeline's order.</param>
/// <param name="Type">What kind of record: <see cref="TimelineTypes"/> or the publishing module's own (lower-case, ≤ 40 characters).</param>
/// <param name="Channel">How the customer was reached, if it was a contact: <see cref="InteractionChannel"/> in camelCase.</param>
/// <param name="UserId">The employee who did it (null for a system event); decides, with <paramref name="TeamId"/>, who sees it.</param>
/// <param name="TeamId">That employee's team at the time.</param>
/// <param name="Title">One line (≤ 200 characters; longer is cut).</param>
/// <param name="Summary">A few lines (≤ 1,000 characters; longer is cut).</param>
/// <param name="SourceModule">The publishing module ("sales", "service" …).</param>
/// <param name="SourceId">The id of the record the entry stands for; one entry per source record.</param>
/// <param name="DueAt">When what the entry stands for is due (UTC), if it has a due time: shown in each reader's time
/// zone, so it is never written into <paramref name="Summary"/>.</param>
public sealed record TimelineEntryInput(
    Guid CustomerId, DateTime OccurredAt, string Type, string? Channel, Guid? UserId, Guid? TeamId,
    string Title, string? Summary, string SourceModule, Guid SourceId, DateTime? DueAt = null);

/// <summary>The entry types Timeline itself publishes; other modules add theirs ("quote", "order", "case" …).</summary>
public static class TimelineTypes
{
    public const string Interaction = "interaction";
    public const string Commitment = "commitment";
    public const string Task = "task";
    public const string Handover = "handover";
}

/// <summary>One entry of a customer's timeline as the API shows it, newest first.</summary>
public sealed record TimelineEntryDto(
    Guid Id, Guid CustomerId, DateTime OccurredAt, string Type, string? Channel, Guid? UserId, string? UserName,
    Guid? TeamId, string Title, string? Summary, string SourceModule, Guid SourceId, DateTime? DueAt = null);
