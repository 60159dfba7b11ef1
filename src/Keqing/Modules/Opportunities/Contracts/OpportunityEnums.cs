namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>Whether an opportunity is still being worked, or how it ended.</summary>
public enum OpportunityStatus { Open = 0, Won = 1, Lost = 2 }

/// <summary>How sure the owner is (DOMAIN S2): what the forecast counts it as.</summary>
public enum ForecastCategory { Pipeline = 0, BestCase = 1, Commit = 2, Closed = 3 }

/// <summary>Which admin list a close reason belongs to.</summary>
public enum CloseReasonKind { Won = 1, Lost = 2 }
