using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Infrastructure.Auth;

/// <summary>
/// Runs one UI operation in a DI scope of its own (fresh DbContext, as DESIGN asks: a circuit outlives
/// a request), acting as the circuit's user.
/// </summary>
public sealed class UiOperations(IServiceScopeFactory scopes, CurrentUser circuitUser)
{
    public async Task<TResult> Run<THandler, TResult>(Func<THandler, Task<TResult>> operation) where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = circuitUser.Principal;
        return await operation(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public Task Run<THandler>(Func<THandler, Task> operation) where THandler : notnull =>
        Run<THandler, bool>(async h => { await operation(h); return true; });
}
