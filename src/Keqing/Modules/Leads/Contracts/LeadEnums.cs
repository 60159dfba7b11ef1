namespace Keqing.Modules.Leads.Contracts;

/// <summary>Where a lead came from (DOMAIN S1).</summary>
public enum LeadSource { Manual = 0, WebForm = 1, TradeShow = 2, Campaign = 3, Referral = 4, Import = 5 }

/// <summary>A lead's way from first touch to customer (DOMAIN S1).</summary>
public enum LeadStatus { New = 0, Contacted = 1, Qualified = 2, Disqualified = 3, Converted = 4 }

/// <summary>A company's head count band, as lead forms and rules ask it.</summary>
public enum CompanySize { Unknown = 0, Micro = 1, Small = 2, Medium = 3, Large = 4, Enterprise = 5 }

/// <summary>What happened on a lead: its own history until it becomes a customer (then it moves to the customer's timeline).</summary>
public enum LeadActivityKind
{
    Created = 0, FormSubmitted = 1, Call = 2, Email = 3, Meeting = 4, Message = 5, Note = 6,
    EventAttended = 7, Replied = 8, EmailOpened = 9, EmailClicked = 10,
    StatusChanged = 11, OwnerChanged = 12, Converted = 13,
}

/// <summary>Who an assignment rule gives a matching lead to.</summary>
public enum AssignmentTarget { User = 0, TeamRoundRobin = 1, TeamFewestOpen = 2 }

/// <summary>What a scoring rule looks at: the lead's profile, or something the lead did.</summary>
public enum ScoringRuleKind { Profile = 0, Behaviour = 1 }
