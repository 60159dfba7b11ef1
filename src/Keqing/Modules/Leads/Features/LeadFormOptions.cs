namespace Keqing.Modules.Leads.Features;

/// <summary>Settings of the public web forms (<c>Keqing:Leads:Forms</c>).</summary>
public sealed class LeadFormOptions
{
    public const string Section = "Keqing:Leads:Forms";

    /// <summary>A post sooner than this after the page was rendered is a bot's (400, nothing stored).</summary>
    public int MinimumFillSeconds { get; set; } = 3;
    /// <summary>Posts per client address per form per minute; more get 429 with Retry-After.</summary>
    public int PostsPerMinute { get; set; } = 20;
    /// <summary>The largest body read; a longer one is refused (400) unread.</summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024;
}
