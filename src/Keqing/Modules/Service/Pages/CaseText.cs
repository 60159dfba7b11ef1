using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Service.Contracts;
using MudBlazor;

namespace Keqing.Modules.Service.Pages;

/// <summary>How the case pages name statuses, types, priorities, channels and message kinds.</summary>
public static class CaseText
{
    [TextKeys]
    public static string Status(CaseStatus s) => s switch
    {
        CaseStatus.New => "New",
        CaseStatus.Open => "Open",
        CaseStatus.WaitingOnCustomer => "Waiting on customer",
        CaseStatus.Resolved => "Resolved",
        _ => "Closed",
    };

    [TextKeys]
    public static string Type(CaseType t) => t switch
    {
        CaseType.Complaint => "Complaint",
        CaseType.Repair => "Repair",
        CaseType.Request => "Request",
        _ => "Question",
    };

    [TextKeys]
    public static string Priority(CasePriority p) => p switch
    {
        CasePriority.Low => "Low",
        CasePriority.High => "High",
        CasePriority.Urgent => "Urgent",
        _ => "Normal",
    };

    [TextKeys]
    public static string Channel(CaseChannel c) => c switch
    {
        CaseChannel.Phone => "Phone",
        CaseChannel.Email => "Email",
        CaseChannel.Portal => "Portal",
        CaseChannel.Agent => "Agent",
        _ => "Through the API",
    };

    [TextKeys]
    public static string Kind(CaseMessageKind k) => k switch
    {
        CaseMessageKind.Note => "Internal note",
        CaseMessageKind.Customer => "Customer",
        _ => "Reply",
    };

    [TextKeys]
    public static string Link(CaseLinkKind k) => k switch
    {
        CaseLinkKind.Duplicate => "Duplicate",
        CaseLinkKind.FollowUp => "Follow-up",
        _ => "Related",
    };

    public static Color StatusColor(CaseStatus s) => s switch
    {
        CaseStatus.New => Color.Info,
        CaseStatus.Open => Color.Primary,
        CaseStatus.WaitingOnCustomer => Color.Warning,
        CaseStatus.Resolved => Color.Success,
        _ => Color.Default,
    };

    public static Color PriorityColor(CasePriority p) => p switch
    {
        CasePriority.Urgent => Color.Error,
        CasePriority.High => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>Whether the case still needs work (new, open or waiting on the customer).</summary>
    public static bool IsOpenStatus(this CaseDto c) => c.Status is CaseStatus.New or CaseStatus.Open or CaseStatus.WaitingOnCustomer;

    /// <summary>The first message of a refused operation, for a snackbar.</summary>
    public static string FirstError(ValidationFailedException e) => e.Errors.Values.SelectMany(v => v).FirstOrDefault() ?? e.Message;
}
