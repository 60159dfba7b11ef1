namespace Keqing.Modules.Portal;

/// <summary>The customer portal's settings (<c>Keqing:Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>How long a sign-in link works.</summary>
    public int LinkMinutes { get; set; } = 15;
    /// <summary>Link requests for one address within <see cref="WindowMinutes"/>.</summary>
    public int RequestsPerAddress { get; set; } = 3;
    /// <summary>Link requests from one client address within <see cref="WindowMinutes"/>.</summary>
    public int RequestsPerClient { get; set; } = 20;
    public int WindowMinutes { get; set; } = 15;
    /// <summary>How long a portal session lasts without activity.</summary>
    public int SessionHours { get; set; } = 8;
}
