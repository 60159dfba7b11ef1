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
