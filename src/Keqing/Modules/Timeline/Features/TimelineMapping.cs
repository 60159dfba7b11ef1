using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;

namespace Keqing.Modules.Timeline.Features;

/// <summary>Entity → DTO, and each record's entry on the customer's timeline.</summary>
public static class TimelineMapping
{
    public const string Module = "timeline";

    public static InteractionDto ToDto(this Interaction i, IReadOnlyList<BoundaryWarning>? warnings = null) => new(
        i.Id, i.CustomerId, i.Channel, i.Direction, i.OccurredAt, i.ContactIds, i.ParticipantIds, i.Subject, i.Notes,
        i.Outcome, i.NextStep, i.PersonalOccasion, i.UserId, i.TeamId, i.Version, i.CreatedAt, i.UpdatedAt, warnings ?? [], i.NextStepDoneAt);

    public static CommitmentDto ToDto(this Commitment c, DateTime now) => new(
        c.Id, c.CustomerId, c.ContactId, c.InteractionId, c.What, c.PromisedById, c.OwnerId, c.TeamId, c.DueAt, c.Status,
        c.IsOverdue(now), c.ClosedAt, c.ClosedById, c.CloseNote, c.Version, c.CreatedAt);

    public static TaskDto ToDto(this TaskItem t, DateTime now, IReadOnlyList<BoundaryWarning>? warnings = null) => new(
        t.Id, t.Title, t.Notes, t.AssigneeId, t.TeamId, t.CreatedById, t.CustomerId, t.ContactId, t.Channel, t.DueAt,
        t.RemindAt, t.Priority, t.Status, t.Status == TaskState.Open && t.DueAt < now, t.CompletedAt, t.Version, t.CreatedAt,
        warnings ?? [], t.SubjectType, t.SubjectId);

    public static string ChannelName(InteractionChannel channel) => JsonName(channel.ToString());

    public static TimelineEntryInput EntryOf(Interaction i)
    {
        var parts = new[] { i.Outcome, i.NextStep is null ? null : "→ " + i.NextStep, i.Notes }.Where(p => !string.IsNullOrWhiteSpace(p));
        return new TimelineEntryInput(i.CustomerId, i.OccurredAt, TimelineTypes.Interaction, ChannelName(i.Channel), i.UserId,
            i.TeamId, i.Subject, string.Join(" · ", parts) is { Length: > 0 } s ? s : null, Module, i.Id);
    }

    public static TimelineEntryInput EntryOf(Commitment c)
    {
        var status = c.Status switch { CommitmentStatus.Done => "✓ ", CommitmentStatus.Broken => "✗ ", _ => "" };
        return new TimelineEntryInput(c.CustomerId, c.CreatedAt, TimelineTypes.Commitment, null, c.PromisedById, c.TeamId,
            status + c.What, c.CloseNote, Module, c.Id, c.DueAt);
    }

    public static TimelineEntryInput EntryOf(TaskItem t, Guid customerId) =>
        new(customerId, t.CreatedAt, TimelineTypes.Task, t.Channel is { } ch ? ChannelName(ch) : null, t.CreatedById, t.TeamId,
            (t.Status == TaskState.Done ? "✓ " : "") + t.Title,
            string.Join(" · ", new[] { t.Priority > TaskPriority.Normal ? "!" : null, t.Notes }.OfType<string>()) is { Length: > 0 } s ? s : null,
            Module, t.Id, t.DueAt);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
