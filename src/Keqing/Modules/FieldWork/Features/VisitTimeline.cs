using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>Puts a visit on its customer's timeline (chip 拜访), one entry per visit, updated at check-out; in the caller's unit of work.</summary>
public sealed class VisitTimeline(ITimelinePublisher publisher)
{
    public const string Module = "field";
    public const string Type = "visit";

    public void CheckedIn(Visit v, string customerName) => publisher.Publish(Entry(v, customerName));

    public Task Changed(Visit v, string customerName, CancellationToken ct) => publisher.Update(Entry(v, customerName), ct);

    private static TimelineEntryInput Entry(Visit v, string customerName)
    {
        var summary = v.CheckOutAt is { } outAt
            ? FieldErrors.Text("On site for {0} minutes.", MinutesOnSite(v.CheckInAt, outAt))
            : FieldErrors.Text("Checked in.");
        if (v.Notes is { } notes) summary += " " + notes;
        return new TimelineEntryInput(v.CustomerId, v.CheckInAt, Type, "visit", v.OwnerId, v.TeamId,
            FieldErrors.Text("Visit to {0}", customerName), summary, Module, v.Id);
    }

    /// <summary>Whole minutes between check-in and check-out (never negative).</summary>
    public static int MinutesOnSite(DateTime checkIn, DateTime checkOut) => (int)Math.Max(0, Math.Floor((checkOut - checkIn).TotalMinutes));
}
