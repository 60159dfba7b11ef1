namespace Keqing.Modules.Notifications.Contracts;

/// <summary>The events a user can be notified of; each user picks the channels per event type. Modules add theirs here.</summary>
public static class EventTypes
{
    public const string CommitmentOverdue = "commitment.overdue";
    public const string TaskDue = "task.due";
    public const string ApprovalWaiting = "approval.waiting";
    public const string CustomerPoolWarning = "customer.pool-warning";
    public const string PaymentDue = "payment.due";
    public const string SystemTest = "system.test";
    /// <summary>A new lead of mine is close to its respond-by time (80 % of the response target).</summary>
    public const string LeadResponseDue = "lead.response-due";
    /// <summary>A lead of my team passed its respond-by time unanswered.</summary>
    public const string LeadResponseBreached = "lead.response-breached";
    /// <summary>A lead reached the hot score (Leads' scoring).</summary>
    public const string LeadHot = "lead.hot";
    /// <summary>A web form was posted by someone already held as a lead or customer of the recipient.</summary>
    public const string LeadInquiry = "lead.inquiry";

    /// <summary>An opportunity was given to me (who should take the deal).</summary>
    public const string OpportunityAssigned = "opportunity.assigned";

    /// <summary>A request I submitted for approval was decided (approved, rejected or sent back to me).</summary>
    public const string ApprovalDecided = "approval.decided";

    /// <summary>A distributor of mine (or of my team) needs attention: sell-out falling, too many months of stock, or no monthly report.</summary>
    public const string SellThroughAlert = "sellthrough.alert";

    /// <summary>A record of mine (a service case) passed its SLA warning point (80 % of a target by default).</summary>
    public const string SlaWarning = "sla.warning";
    /// <summary>A record of my team (a service case) missed its first-response or resolution target.</summary>
    public const string SlaBreached = "sla.breached";
    /// <summary>A customer of my team gave a case a low satisfaction score (a follow-up task is mine).</summary>
    public const string SurveyLowScore = "service.low-score";
    /// <summary>A field visit was dispatched to me (a repair case's technician).</summary>
    public const string FieldDispatched = "field.dispatched";
    /// <summary>A customer of mine opened a case themselves (portal, email) and it went to the service intake team (ADR 0110).</summary>
    public const string CaseOpenedForMyCustomer = "service.case-opened-for-my-customer";

    public static readonly IReadOnlyList<string> All =
        [CommitmentOverdue, TaskDue, ApprovalWaiting, CustomerPoolWarning, PaymentDue, SystemTest, LeadResponseDue, LeadResponseBreached, LeadHot, LeadInquiry, OpportunityAssigned, ApprovalDecided, SellThroughAlert, SlaWarning, SlaBreached, SurveyLowScore, FieldDispatched, CaseOpenedForMyCustomer];
}

/// <summary>Where a notification can reach a user: in the app, by email, or through the group robot of their team.</summary>
public enum Channel { InApp, Email, WeCom, DingTalk, Feishu }

/// <summary>The group chat platforms whose webhook robots Keqing posts to.</summary>
public enum RobotKind { WeCom, DingTalk, Feishu }
