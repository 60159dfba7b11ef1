using Keqing.Infrastructure.Http;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Pools.Features;

/// <summary>Puts every move of a customer on its timeline (one entry per move), in the caller's unit of work.</summary>
public sealed class PoolTimeline(ITimelinePublisher publisher)
{
    public const string Module = "pools";
    public const string Type = "pool";

    public void Moved(PoolMove move, string poolName, string? actorName = null, Guid? actorTeamId = null)
    {
        var (title, summary) = Texts(move, poolName, actorName);
        publisher.Publish(new TimelineEntryInput(move.CustomerId, move.At, Type, null, move.ByUserId, actorTeamId, title, summary, Module, move.Id));
    }

    /// <summary>
    /// A recycle run's moves on their customers' timelines, one entry each, written at once in the caller's transaction
    /// (<see cref="ITimelinePublisher.PublishMany"/>): tens of thousands of tracked entries cost the job most of its time.
    /// </summary>
    public Task<int> Recycled(IReadOnlyList<PoolMove> moves, IReadOnlyDictionary<Guid, string> poolNames, CancellationToken ct)
    {
        // A recycled move's texts depend only on its pool and reason: looked up once for each pair.
        var texts = new Dictionary<(Guid?, string), (string Title, string? Summary)>();
        var inputs = new List<TimelineEntryInput>(moves.Count);
        foreach (var move in moves)
        {
            if (move.Kind != MoveKind.Recycled) throw new ArgumentException("Only recycled moves are published in bulk.", nameof(moves));
            if (!texts.TryGetValue((move.PoolId, move.Reason), out var text))
                texts[(move.PoolId, move.Reason)] = text = Texts(move, poolNames.GetValueOrDefault(move.PoolId ?? Guid.Empty, ""), null);
            inputs.Add(new TimelineEntryInput(move.CustomerId, move.At, Type, null, move.ByUserId, null, text.Title, text.Summary, Module, move.Id));
        }
        return publisher.PublishMany(inputs, ct);
    }

    private static (string Title, string? Summary) Texts(PoolMove move, string poolName, string? actorName) => move.Kind switch
    {
        MoveKind.Recycled => (FieldErrors.Text("Returned to the pool {0}", poolName), ReasonText(move.Reason)),
        MoveKind.Released => (FieldErrors.Text("Released to the pool {0}", poolName), move.Note),
        MoveKind.Claimed => (FieldErrors.Text("Claimed from the pool {0}", poolName), null),
        _ => (FieldErrors.Text("Assigned from the pool {0} to {1}", poolName, actorName ?? ""), null),
    };

    /// <summary>Why a customer was recycled, in words.</summary>
    public static string ReasonText(string reason) => reason switch
    {
        MoveReasons.NoFollowUp => FieldErrors.Text("No follow-up was logged in time."),
        MoveReasons.NoWonDeal => FieldErrors.Text("No deal was won in time."),
        _ => FieldErrors.Text("Released by its owner."),
    };
}
