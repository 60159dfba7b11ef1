using System.Globalization;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Timeline.Pages;

/// <summary>The English keys (localized through TimelineResource) the timeline pages show for channels, types and warnings.</summary>
public static class TimelineText
{
    [TextKeys]
    public static string Channel(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Visit => "Visit",
        InteractionChannel.Call => "Call",
        InteractionChannel.Sms => "SMS",
        InteractionChannel.Email => "Email",
        InteractionChannel.Im => "IM",
        InteractionChannel.Community => "Community",
        InteractionChannel.Event => "Event",
        _ => "Other",
    };

    public static string Channel(string? channel) =>
        channel is not null && Enum.TryParse<InteractionChannel>(channel, ignoreCase: true, out var c) ? Channel(c) : channel ?? "";

    [TextKeys]
    public static string Type(string type) => type switch
    {
        TimelineTypes.Interaction => "Interaction",
        TimelineTypes.Commitment => "Commitment",
        TimelineTypes.Task => "Task",
        TimelineTypes.Handover => "Hand-over",
        // Other modules' entries, by the type each publishes.
        "opportunity" => "Opportunity",
        "lead" => "Lead",
        "web-form" => "Web form",
        "quote" => "Quote",
        "approval" => "Approval",
        "order" => "Order",
        "visit" => "Visit",
        "case" => "Case",
        "return-visit" => "Return visit",
        "pool" => "Customer pool",
        _ => type,
    };

    [TextKeys]
    public static string Warning(string code) => code switch
    {
        "quietHours" => "Within the quiet hours.",
        "weeklyCap" => "Over this week's contact limit for this channel.",
        "personalOccasion" => "A personal occasion the contact did not invite.",
        _ => code,
    };

    [TextKeys]
    public static string Preset(DuePreset p) => p switch
    {
        DuePreset.Today => "Today",
        DuePreset.Tomorrow => "Tomorrow",
        DuePreset.NextMonday => "Next Monday",
        _ => "Pick a date",
    };

    [TextKeys]
    public static string Reminder(ReminderLead r) => r switch
    {
        ReminderLead.AtDue => "At the due time",
        ReminderLead.Minutes15 => "15 minutes before",
        ReminderLead.Hour1 => "1 hour before",
        ReminderLead.Day1 => "1 day before",
        _ => "No reminder",
    };

    /// <summary>How long a customer has been due for contact: the groups of My Day's list.</summary>
    public enum OverdueBand { Never, Month, Week, Days }

    public static OverdueBand Overdue(DateTime? dueSince, DateTime utcNow) => dueSince is not { } since ? OverdueBand.Never
        : (utcNow - since).TotalDays switch { > 30 => OverdueBand.Month, > 7 => OverdueBand.Week, _ => OverdueBand.Days };

    [TextKeys]
    public static string OverdueLabel(OverdueBand band) => band switch
    {
        OverdueBand.Never => "Never contacted",
        OverdueBand.Month => "Overdue more than 30 days",
        OverdueBand.Week => "Overdue 8 to 30 days",
        _ => "Due in the last 7 days",
    };

    /// <summary>The end (23:59) of a local day as UTC: the due time of something due "on" that day.</summary>
    public static DateTime EndOfDay(DateOnly day, TimeZoneInfo zone) =>
        Infrastructure.Time.UserClock.ToUtc(day, new TimeOnly(23, 59), zone);
}
