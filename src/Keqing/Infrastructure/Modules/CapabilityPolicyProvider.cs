using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Keqing.Infrastructure.Modules;

/// <summary>
/// Makes every capability a policy of its own name (<c>[Authorize(Policy = "imports.run")]</c>,
/// <c>RequireAuthorization("imports.run")</c>): the policy admits the roles the capability table gives it.
/// </summary>
public sealed class CapabilityPolicyProvider(IOptions<AuthorizationOptions> options, ModuleCatalog catalog)
    : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> policies = new(StringComparer.Ordinal);

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (await base.GetPolicyAsync(policyName) is { } named) return named;
        if (catalog.Find(policyName) is not { } capability)
            throw new InvalidOperationException($"'{policyName}' is neither a policy nor a capability of any module.");
        return policies.GetOrAdd(policyName, _ => new AuthorizationPolicyBuilder().RequireRole(capability.Roles).Build());
    }
}
