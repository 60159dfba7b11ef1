using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>Writes timeline entries into the caller's unit of work (the scope's <see cref="KeqingDb"/>); see <see cref="ITimelinePublisher"/>.</summary>
public sealed class TimelinePublisher(KeqingDb db) : ITimelinePublisher
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 1000;

    public void Publish(TimelineEntryInput input)
    {
        var entry = new TimelineEntry { SourceModule = input.SourceModule, SourceId = input.SourceId };
        Apply(entry, input);
        db.Set<TimelineEntry>().Add(entry);
    }

    public async Task<int> PublishMany(IReadOnlyCollection<TimelineEntryInput> inputs, CancellationToken ct)
    {
        var entries = new List<TimelineEntry>(inputs.Count);
        foreach (var input in inputs)
        {
            var entry = new TimelineEntry { SourceModule = input.SourceModule, SourceId = input.SourceId };
            Apply(entry, input);
            entries.Add(entry);
        }
        if (entries.Count > 0) await TimelineBulkInsert.Write(db, entries, ct);
        return entries.Count;
    }

    public async Task Update(TimelineEntryInput input, CancellationToken ct)
    {
        var entry = await Find(input.SourceModule, input.SourceId, ct);
        if (entry is null) Publish(input);
        else Apply(entry, input);
    }

    public async Task Remove(string sourceModule, Guid sourceId, CancellationToken ct)
    {
        if (await Find(sourceModule, sourceId, ct) is { } entry) db.Set<TimelineEntry>().Remove(entry);
    }

    private async Task<TimelineEntry?> Find(string sourceModule, Guid sourceId, CancellationToken ct) =>
        db.Set<TimelineEntry>().Local.FirstOrDefault(e => e.SourceModule == sourceModule && e.SourceId == sourceId)
        ?? await db.Set<TimelineEntry>().FirstOrDefaultAsync(e => e.SourceModule == sourceModule && e.SourceId == sourceId, ct);

    private static void Apply(TimelineEntry entry, TimelineEntryInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Type) || input.Type.Length > 40) throw new ArgumentException("Type is 1 to 40 characters.", nameof(input));
        if (string.IsNullOrWhiteSpace(input.SourceModule) || input.SourceModule.Length > 40) throw new ArgumentException("SourceModule is 1 to 40 characters.", nameof(input));
        entry.CustomerId = input.CustomerId;
        entry.OccurredAt = input.OccurredAt;
        entry.Type = input.Type;
        entry.Channel = input.Channel;
        entry.UserId = input.UserId;
        entry.TeamId = input.TeamId;
        entry.Title = Clip(input.Title, MaxTitle) ?? "";
        entry.Summary = Clip(input.Summary, MaxSummary);
        entry.DueAt = input.DueAt;
    }

    private static string? Clip(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..(max - 1)] + "…";
}
