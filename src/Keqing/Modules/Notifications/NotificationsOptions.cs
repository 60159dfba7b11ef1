namespace Keqing.Modules.Notifications;

/// <summary><c>Keqing:Notifications</c>: where links point and which webhook targets are allowed.</summary>
public sealed class NotificationOptions
{
    /// <summary>The app's public address (https://crm.example.com), so links in emails and robot posts are absolute.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>Tests only: lets robots post over plain http to loopback addresses. Never set in production.</summary>
    public bool AllowInsecureLoopbackTargets { get; set; }
}

/// <summary><c>Keqing:Outbox</c>: the delivery loop.</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether this node runs the delivery loop (tests turn it off and call the dispatcher themselves).</summary>
    public bool Enabled { get; set; } = true;
    public int PollSeconds { get; set; } = 5;
    public int BatchSize { get; set; } = 20;
    /// <summary>
    /// How long a node's lease on a message holds without renewal (it is renewed while the message is sent); a node that
    /// dies mid-delivery leaves the message to another node after this.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;
    /// <summary>How long a robot's webhook may take to answer.</summary>
    public int RobotTimeoutSeconds { get; set; } = 15;
    /// <summary>Attempts before a message is given up (Failed, visible to the admin).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The first retry waits this long; each next one twice as long, at most an hour.</summary>
    public int RetryBaseSeconds { get; set; } = 30;
}

/// <summary><c>Keqing:Smtp</c>: the mail server for the email channel (MailKit).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "Keqing CRM <noreply@keqing.local>";
    /// <summary>TLS: implicit on port 465, STARTTLS elsewhere; off for a local relay.</summary>
    public bool UseTls { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary><c>Keqing:CompanyRegistry</c>: which business-registration provider answers lookups.</summary>
public sealed class CompanyRegistryOptions
{
    /// <summary><c>offline</c> (a local JSON file, the default) or <c>http</c> (a public API with a key).</summary>
    public string Provider { get; set; } = "offline";
    /// <summary>The offline provider's file; relative paths are under the app's folder.</summary>
    public string File { get; set; } = "SampleData/company-registry.json";
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The search request's path and query; <c>{name}</c> is the URL-encoded company name.</summary>
    public string SearchPath { get; set; } = "search?name={name}";
    /// <summary>The header that carries the key, and what precedes the key in it (Aliyun market style: <c>APPCODE </c>).</summary>
    public string KeyHeader { get; set; } = "Authorization";
    public string KeyPrefix { get; set; } = "APPCODE ";
    /// <summary>Dotted path to the result array in the answer (empty: the answer is the array).</summary>
    public string ItemsPath { get; set; } = "data.items";
    /// <summary>The answer's field names for each part of a <see cref="Contracts.CompanyRecord"/>.</summary>
    public CompanyFieldNames Fields { get; set; } = new();
}

/// <summary>The JSON field names an HTTP registry uses.</summary>
public sealed class CompanyFieldNames
{
    public string Name { get; set; } = "name";
    public string CreditCode { get; set; } = "creditCode";
    public string LegalRepresentative { get; set; } = "legalPerson";
    public string Address { get; set; } = "address";
    public string Status { get; set; } = "status";
}
