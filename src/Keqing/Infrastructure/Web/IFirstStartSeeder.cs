namespace Keqing.Infrastructure.Web;

/// <summary>
/// What a fresh install cannot sign in without (the roles, the first admin), created on every start when missing; the
/// Identity module provides it, so the host starts without naming a module.
/// </summary>
public interface IFirstStartSeeder
{
    /// <summary>Creates what is missing and says how to sign in, for the welcome lines.</summary>
    Task<SignInHint> EnsureFirstStartData(CancellationToken ct);
}

/// <summary>How to sign in: the first admin's email, the password generated for it just now (null when none was), the demo users' password.</summary>
public sealed record SignInHint(string AdminEmail, string? GeneratedAdminPassword, string DemoPassword);
