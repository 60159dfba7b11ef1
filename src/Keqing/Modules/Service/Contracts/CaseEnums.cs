namespace Keqing.Modules.Service.Contracts;

public enum CaseType { Question, Complaint, Repair, Request }

public enum CasePriority { Low, Normal, High, Urgent }

/// <summary>New → open → waiting on customer → resolved → closed; a resolved case reopens within the reopen window.</summary>
public enum CaseStatus { New, Open, WaitingOnCustomer, Resolved, Closed }

public enum CaseChannel { Phone, Email, Portal, Api, Agent }

/// <summary>A public reply (the customer reads it), an internal note (only staff), or what the customer wrote.</summary>
public enum CaseMessageKind { Reply, Note, Customer }

/// <summary>How two cases are linked: related, one a duplicate of the other (after a merge), or a follow-up of a closed one.</summary>
public enum CaseLinkKind { Related, Duplicate, FollowUp }
