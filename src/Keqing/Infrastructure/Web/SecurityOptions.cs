namespace Keqing.Infrastructure.Web;

/// <summary>Password, lockout and rate-limit settings (<c>Keqing:Security</c>); the defaults suit production.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Keqing:Security";

    /// <summary>Shortest password accepted when a password is set.</summary>
    public int PasswordMinLength { get; set; } = 10;
    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Sign-in attempts (form and token) per client address per minute.</summary>
    public int SignInsPerMinute { get; set; } = 20;
    /// <summary>Requests without a signed-in user (pages, health, API calls refused with 401) per client address per minute.</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 300;
}
