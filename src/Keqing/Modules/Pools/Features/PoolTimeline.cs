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
        var (title, summary) = move.Kind switch
        {
            MoveKind.Recycled => (FieldErrors.Text("Returned to the pool {0}", poolName), ReasonText(move.Reason)),
            MoveKind.Released => (FieldErrors.Text("Released to the pool {0}", poolName), move.Note),
            MoveKind.Claimed => (FieldErrors.Text("Claimed from the pool {0}", poolName), null),
            _ => (FieldErrors.Text("Assigned from the pool {0} to {1}", poolName, actorName ?? ""), null),
        };
        publisher.Publish(new TimelineEntryInput(move.CustomerId, move.At, Type, null, move.ByUserId, actorTeamId, title, summary, Module, move.Id));
    }

    /// <summary>Why a customer was recycled, in words.</summary>
    public static string ReasonText(string reason) => reason switch
    {
        MoveReasons.NoFollowUp => FieldErrors.Text("No follow-up was logged in time."),
        MoveReasons.NoWonDeal => FieldErrors.Text("No deal was won in time."),
        _ => FieldErrors.Text("Released by its owner."),
    };
}
