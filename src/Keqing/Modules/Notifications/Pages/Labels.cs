using Keqing.Modules.Notifications.Contracts;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Notifications.Pages;

/// <summary>The English resource keys for event types, channels and robot kinds shown in the UI.</summary>
public static class Labels
{
    public static string EventType(IStringLocalizer l, string eventType) => eventType switch
    {
        EventTypes.CommitmentOverdue => l["Commitment overdue"],
        EventTypes.TaskDue => l["Task due"],
        EventTypes.ApprovalWaiting => l["Approval waiting for me"],
        EventTypes.CustomerPoolWarning => l["Customer about to return to the pool"],
        EventTypes.PaymentDue => l["Payment due"],
        EventTypes.SystemTest => l["Test messages"],
        EventTypes.LeadResponseDue => l["Lead waiting for my answer"],
        EventTypes.LeadResponseBreached => l["Lead of my team not answered in time"],
        EventTypes.LeadHot => l["Hot lead"],
        EventTypes.LeadInquiry => l["Web inquiry from a lead or customer already held"],
        EventTypes.OpportunityAssigned => l["Opportunity given to me"],
        EventTypes.ApprovalDecided => l["My approval request decided"],
        EventTypes.SellThroughAlert => l["Distributor sell-through alert"],
        EventTypes.SlaWarning => l["SLA target of mine due soon"],
        EventTypes.SlaBreached => l["SLA target of my team missed"],
        EventTypes.SurveyLowScore => l["Low satisfaction score on a case of my team"],
        EventTypes.FieldDispatched => l["Field visit dispatched to me"],
        EventTypes.CaseOpenedForMyCustomer => l["Case opened by a customer of mine (service team handles it)"],
        _ => eventType,
    };

    public static string Channel(IStringLocalizer l, Channel channel) => channel switch
    {
        Contracts.Channel.InApp => l["In-app"],
        Contracts.Channel.Email => l["Email"],
        Contracts.Channel.WeCom => l["WeCom"],
        Contracts.Channel.DingTalk => l["DingTalk"],
        _ => l["Feishu"],
    };

    public static string Robot(IStringLocalizer l, RobotKind kind) => kind switch
    {
        RobotKind.WeCom => l["WeCom"],
        RobotKind.DingTalk => l["DingTalk"],
        _ => l["Feishu"],
    };
}
