using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Keqing.Infrastructure.Auth;

/// <summary>Keeps <see cref="CurrentUser"/> of a Blazor circuit in step with its authentication state.</summary>
public sealed class CircuitUserHandler(AuthenticationStateProvider authentication, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        currentUser.Principal = (await authentication.GetAuthenticationStateAsync()).User;
    }

    private void OnChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t => { if (t.IsCompletedSuccessfully) currentUser.Principal = t.Result.User; },
            TaskScheduler.Default);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
