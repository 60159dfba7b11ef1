namespace Keqing.Modules.Timeline.Contracts;

/// <summary>How an employee and a customer were in touch (DOMAIN T1).</summary>
public enum InteractionChannel { Visit = 1, Call = 2, Sms = 3, Email = 4, Im = 5, Community = 6, Event = 7, Other = 8 }

/// <summary>Who reached out: we (outbound) or the customer (inbound). Contact boundaries count outbound contacts only.</summary>
public enum InteractionDirection { Outbound = 1, Inbound = 2 }

/// <summary>Where a commitment stands (DOMAIN T2).</summary>
public enum CommitmentStatus { Open = 1, Done = 2, Broken = 3 }

/// <summary>Where a task stands.</summary>
public enum TaskState { Open = 1, Done = 2 }

/// <summary>How urgent a task is.</summary>
public enum TaskPriority { Low = 1, Normal = 2, High = 3, Urgent = 4 }

/// <summary>What an alert is about.</summary>
public enum AlertKind { CommitmentOverdue = 1, TaskReminder = 2 }
